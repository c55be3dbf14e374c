import { FernetCipher, InvalidFernetKeyError, InvalidFernetTokenError } from './fernet-cipher';
import generateVectors from './testdata/fernet-spec/generate.json';
import invalidVectors from './testdata/fernet-spec/invalid.json';
import verifyVectors from './testdata/fernet-spec/verify.json';
import pythonFixtures from './testdata/python-fernet.json';

describe('FernetCipher', () => {
  describe('official spec vectors', () => {
    it.each(generateVectors)('generates exactly the token of the spec ($src)', (vector) => {
      const token = new FernetCipher(vector.secret).encrypt(vector.src, new Date(vector.now), Buffer.from(vector.iv));
      expect(token).toBe(vector.token);
    });

    it.each(verifyVectors)('verifies the token of the spec ($src)', (vector) => {
      const plaintext = new FernetCipher(vector.secret).decrypt(vector.token, {
        ttlSeconds: vector.ttl_sec,
        now: new Date(vector.now),
      });
      expect(plaintext.toString('utf8')).toBe(vector.src);
    });

    it('has all 8 invalid vectors to check', () => {
      expect(invalidVectors).toHaveLength(8);
    });

    it.each(invalidVectors)('rejects: $desc', (vector) => {
      const cipher = new FernetCipher(vector.secret);
      expect(() => cipher.decrypt(vector.token, { ttlSeconds: vector.ttl_sec, now: new Date(vector.now) })).toThrow(InvalidFernetTokenError);
    });
  });

  describe('tokens written by Python cryptography.fernet', () => {
    const cipher = new FernetCipher(pythonFixtures.key);

    it.each(pythonFixtures.cases)('decrypts "$plaintext"', ({ plaintext, token }) => {
      expect(cipher.decrypt(token).toString('utf8')).toBe(plaintext);
    });
  });

  it('round-trips text, including non-ASCII', () => {
    const cipher = new FernetCipher(FernetCipher.generateKey());
    const token = cipher.encrypt('key: ünïcödé ✓');
    expect(token).not.toContain('ünïcödé');
    expect(cipher.decrypt(token).toString('utf8')).toBe('key: ünïcödé ✓');
  });

  it('never expires a token unless a TTL is asked for', () => {
    const cipher = new FernetCipher(FernetCipher.generateKey());
    const token = cipher.encrypt('old secret', new Date('2001-01-01T00:00:00Z'));
    expect(cipher.decrypt(token).toString('utf8')).toBe('old secret');
    expect(() => cipher.decrypt(token, { ttlSeconds: 60 })).toThrow(InvalidFernetTokenError);
  });

  it('refuses a token made with another key', () => {
    const token = new FernetCipher(FernetCipher.generateKey()).encrypt('secret');
    expect(() => new FernetCipher(FernetCipher.generateKey()).decrypt(token)).toThrow(InvalidFernetTokenError);
  });

  it('refuses a token with characters outside url-safe base64', () => {
    const cipher = new FernetCipher(FernetCipher.generateKey());
    const token = cipher.encrypt('secret');
    expect(() => cipher.decrypt(`${token.slice(0, 20)}!${token.slice(20)}`)).toThrow(InvalidFernetTokenError);
  });

  it.each(['', 'abc', 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e', 'cw_0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4='])('refuses the key %j', (key) => {
    expect(() => new FernetCipher(key)).toThrow(InvalidFernetKeyError);
  });

  it('generates keys in the format of Fernet.generate_key()', () => {
    expect(FernetCipher.generateKey()).toMatch(/^[A-Za-z0-9_-]{43}=$/);
  });
});
