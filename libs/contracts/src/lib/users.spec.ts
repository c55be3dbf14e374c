import { isReadOnlyRole, USER_ROLES, USERNAME_PATTERN } from './users';

describe('USERNAME_PATTERN', () => {
  it.each(['admin', 'Alice.B', 'trader_1', 'a-b', '0xdeadbeef'])('accepts %j', (name) => {
    expect(USERNAME_PATTERN.test(name)).toBe(true);
  });

  it.each(['ab', '.alice', 'al ice', 'alice!', 'a'.repeat(33), 'ålice'])('refuses %j', (name) => {
    expect(USERNAME_PATTERN.test(name)).toBe(false);
  });
});

describe('isReadOnlyRole', () => {
  it('makes viewers, and only viewers, read-only', () => {
    expect(USER_ROLES.filter(isReadOnlyRole)).toEqual(['viewer']);
  });
});
