import { attemptedUsername, detailsText, plainText } from './audit-details';

describe('audit details', () => {
  it('stores facts as canonical JSON, keys sorted', () => {
    expect(detailsText({ symbol: 'BTC/USDT', side: 'buy', qty: '0.01', isLive: false, price: null })).toBe(
      '{"isLive":false,"price":null,"qty":"0.01","side":"buy","symbol":"BTC/USDT"}',
    );
    expect(detailsText(undefined)).toBeNull();
    expect(detailsText({})).toBeNull();
  });

  it('never stores a value under a name that could hold a secret', () => {
    const text = detailsText({
      password: 'hunter2-hunter2',
      newPassword: 'n',
      apiKey: 'k',
      api_key: 'k',
      secret: 's',
      accessToken: 't',
      refresh_token: 't',
      totpCode: '123456',
      recoveryCode: 'r',
      cookie: 'c',
      label: 'My account',
    });
    expect(JSON.parse(text ?? '{}')).toEqual({
      accessToken: '[redacted]',
      apiKey: '[redacted]',
      api_key: '[redacted]',
      cookie: '[redacted]',
      label: 'My account',
      newPassword: '[redacted]',
      password: '[redacted]',
      recoveryCode: '[redacted]',
      refresh_token: '[redacted]',
      secret: '[redacted]',
      totpCode: '[redacted]',
    });
  });

  it('never stores a JWT, whatever its name', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(detailsText({ note: `Bearer ${jwt}` })).toBe('{"note":"[redacted]"}');
  });

  it('keeps only plain values, of bounded size, without control or bidi characters', () => {
    const facts = detailsText({
      label: `a\u202Eb\nc${'x'.repeat(500)}`,
      nested: { a: 1 } as unknown as string,
      count: Number.POSITIVE_INFINITY,
    });
    const parsed = JSON.parse(facts ?? '{}');
    expect(parsed.label).toBe(`a b c${'x'.repeat(195)}`);
    expect(parsed.nested).toBeNull();
    expect(parsed.count).toBeNull();
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`fact${String(i).padStart(2, '0')}`, i]));
    expect(Object.keys(JSON.parse(detailsText(many) ?? '{}'))).toHaveLength(24);
  });

  it('cuts names and addresses to 64 characters', () => {
    expect(plainText('y'.repeat(100))).toHaveLength(64);
  });

  it('records the name a login gave only when it could be a username', () => {
    expect(attemptedUsername(' alice ')).toBe('alice');
    expect(attemptedUsername('correct horse battery staple!')).toBeNull();
    expect(attemptedUsername(42)).toBeNull();
    expect(attemptedUsername(undefined)).toBeNull();
  });
});
