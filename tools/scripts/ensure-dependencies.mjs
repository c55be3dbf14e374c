// Installs the workspace's dependencies when they are missing or older than package-lock.json, so that
// `npm start` and `npm test` work on a fresh clone. Plain Node: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lockfile = `${root}/package-lock.json`;
const installed = `${root}/node_modules/.package-lock.json`;

export function ensureDependencies() {
  const isCurrent = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs;
  if (isCurrent) return;
  console.log('Installing dependencies…');
  // Not `npm ci`: it insists on lock entries for every platform's optional binaries (@swc/core, nx,
  // msgpackr-extract), and the registry does not serve all of them at the locked versions. `--no-save`
  // installs the locked tree without rewriting package-lock.json.
  const result = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureDependencies();
