import { deviceName } from './device-name';

describe('deviceName', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome on Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari on macOS'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'Safari on iPhone',
    ],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Chrome on Linux'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome on ChromeOS'],
  ])('names the browser and system of %s', (userAgent, expected) => {
    expect(deviceName(userAgent)).toBe(expected);
  });

  it.each([
    ['curl/8.5.0', 'curl'],
    ['python-requests/2.32.3', 'Python script'],
    ['node', 'Node.js script'],
    ['PostmanRuntime/7.42.0', 'Postman'],
    ['Go-http-client/1.1', 'Go program'],
  ])('names the script or tool behind %s', (userAgent, expected) => {
    expect(deviceName(userAgent)).toBe(expected);
  });

  it('says so when there is no User-Agent', () => {
    expect(deviceName(undefined)).toBe('Unknown device');
    expect(deviceName('  ')).toBe('Unknown device');
  });

  it('keeps only the first product token of an unknown client, never free text', () => {
    expect(deviceName('TradingBot/2.1 (+https://bot.example)')).toBe('TradingBot');
    expect(deviceName('<script>alert(1)</script>')).toBe('Unknown device');
    expect(deviceName('A'.repeat(200))).toHaveLength(40);
  });
});
