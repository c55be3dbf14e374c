import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LoginDto } from './login.dto';

const problemsOf = (body: object) => validateSync(plainToInstance(LoginDto, body)).map((error) => [error.property, Object.values(error.constraints ?? {})]);

describe('LoginDto', () => {
  it('accepts a username and a password of up to 72 bytes', () => {
    expect(problemsOf({ username: 'alice', password: 'p'.repeat(72) })).toEqual([]);
  });

  it('counts the password in UTF-8 bytes, not characters', () => {
    // 36 two-byte characters are 72 bytes; one more is over what bcrypt reads.
    expect(problemsOf({ username: 'alice', password: 'é'.repeat(36) })).toEqual([]);
    expect(problemsOf({ username: 'alice', password: 'é'.repeat(37) })).toEqual([['password', ['must be at most 72 bytes']]]);
  });

  it('refuses a missing or non-string username or password', () => {
    expect(problemsOf({ password: 'secret-password' }).map(([property]) => property)).toEqual(['username']);
    expect(problemsOf({ username: 'alice', password: 12345678 }).map(([property]) => property)).toEqual(['password']);
  });
});
