// Runs one of the built API's command-line tools (dist/apps/api/<entry>.js), building the API first if needed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-dependencies.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function runApiTool(entry, args = []) {
  ensureDependencies();
  const run = (command, commandArgs) => spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' }).status ?? 1;
  process.exit(run('npx', ['nx', 'build', 'api', '--outputStyle=static']) || run(process.execPath, [`dist/apps/api/${entry}.js`, ...args]));
}
