// `npm start`: install what is missing, write `.env` on first run, build the API and the console (Nx caches
// both), then run the server in the foreground.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-dependencies.mjs';
import { writeEnvIfMissing } from './write-env.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

ensureDependencies();

const adminPassword = writeEnvIfMissing();
if (adminPassword) {
  console.log('\nCreated .env with new secrets. Sign in to the console as:');
  console.log(`  username: admin\n  password: ${adminPassword}`);
  console.log('This password is shown only now; it is also in .env as ADMIN_PASSWORD.\n');
}

const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, ['dist/apps/api/main.js'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
