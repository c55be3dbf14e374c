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

  it('takes a six-digit code or a recovery code, and refuses anything else in their place', () => {
    expect(problemsOf({ username: 'alice', password: 'secret-password', code: '012345' })).toEqual([]);
    expect(problemsOf({ username: 'alice', password: 'secret-password', recoveryCode: 'K7M2P-X9Q4R' })).toEqual([]);
    expect(problemsOf({ username: 'alice', password: 'secret-password', code: '12345', recoveryCode: 'k7m2p x9q4r' })).toEqual([
      ['code', ['must be the 6 digits your authenticator app shows']],
      ['recoveryCode', ['must be one of your recovery codes, like k7m2p-x9q4r']],
    ]);
  });
});
