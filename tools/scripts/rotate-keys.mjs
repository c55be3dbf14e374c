// `npm run keys:rotate`: build the API if needed, then re-encrypt every stored secret under the first key.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-dependencies.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
ensureDependencies();
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
const status = run('npx', ['nx', 'build', 'api', '--outputStyle=static']) || run(process.execPath, ['dist/apps/api/rotate-keys.js']);
process.exit(status);
