const SCRIPTS: [RegExp, string][] = [
  [/^curl\//i, 'curl'],
  [/^wget\//i, 'Wget'],
  [/python|aiohttp|httpx/i, 'Python script'],
  [/^node|undici|axios|node-fetch/i, 'Node.js script'],
  [/^PostmanRuntime\//, 'Postman'],
  [/^Go-http-client\//, 'Go program'],
];

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|HeadlessChrome|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\b(Macintosh|Mac OS X)\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * A name a person recognises for the client behind a User-Agent header ("Firefox on Linux", "curl"), for the
 * sessions list. Only known names or the first product token come out, so a crafted header cannot put
 * arbitrary text on the page.
 */
export function deviceName(userAgent: string | undefined): string {
  const agent = (userAgent ?? '').trim();
  if (!agent) return 'Unknown device';
  const script = SCRIPTS.find(([pattern]) => pattern.test(agent));
  if (script) return script[1];
  const browser = BROWSERS.find(([pattern]) => pattern.test(agent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(agent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `Browser on ${system}`;
  return /^[A-Za-z][\w.-]{0,39}/.exec(agent)?.[0] ?? 'Unknown device';
}
