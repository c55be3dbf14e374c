import { isCommonPassword, passwordWeakness } from './hard-to-guess-password';

describe('passwordWeakness', () => {
  it.each(['password', '12345678', 'PASSWORD', 'Password1', 'qwertyuiop', ' iloveyou '])('calls %j one of the most common passwords', (password) => {
    expect(passwordWeakness(password)).toBe('is one of the most common passwords: choose one that is hard to guess');
  });

  it.each([' '.repeat(8), '\t\t\t\t\t\t\t\t', '\u00a0'.repeat(8), '\u200b'.repeat(8), '\u202e\u2003'.repeat(4)])('calls %j blank', (password) => {
    expect(passwordWeakness(password)).toBe('must not be only spaces or invisible characters');
  });

  it.each(['correct horse battery', 'admin-password-e2e', 'a-fresh-and-unusual-passphrase', 'pässwörd-ünüsual'])('accepts %j', (password) => {
    expect(passwordWeakness(password)).toBeNull();
  });

  it('knows the whole list shipped with @zxcvbn-ts/language-common, not just its head', () => {
    expect(isCommonPassword('dragon')).toBe(true);
    expect(isCommonPassword('123456789zz')).toBe(true);
    expect(isCommonPassword('Kamakazi')).toBe(true);
  });
});
