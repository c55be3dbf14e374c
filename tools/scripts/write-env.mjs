// Writes `.env` with fresh secrets when there is none, so that the first `npm start` needs no setup.
// An existing `.env` is never touched.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Returns the generated admin password when it wrote a new `.env`, or null when one existed. */
export function writeEnvIfMissing(path = `${root}/.env`) {
  if (existsSync(path)) return null;
  const adminPassword = randomBytes(12).toString('base64url');
  const generated = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    FERNET_KEY: `${randomBytes(32).toString('base64url')}=`,
    ADMIN_PASSWORD: adminPassword,
  };
  const example = readFileSync(`${root}/.env.example`, 'utf8');
  const content = example.replace(/^(JWT_SECRET|FERNET_KEY|ADMIN_PASSWORD)=.*$/gm, (_line, name) => `${name}=${generated[name]}`);
  writeFileSync(path, content, { mode: 0o600 });
  return adminPassword;
}
