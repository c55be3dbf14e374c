import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, stopProcess } from '@lilux/api/testing';

const CONFIG = resolve(__dirname, '../../../../deploy/nginx.conf');
export const NGINX = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';

export interface RunningNginx {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Runs deploy/nginx.conf as it is, with only its listen port and upstream addresses replaced by the test's. */
export async function startNginx(upstreams: string[]): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'lilux-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const port = await freePort();
  const servers = upstreams.map((url) => `    server ${new URL(url).host};`).join('\n');
  const config = readFileSync(CONFIG, 'utf8')
    .replace(/^(\s*upstream lilux \{\n)(?:\s*server [^\n]+\n)+/m, `$1${servers}\n`)
    .replace(/^(\s*)listen \d+;/m, `$1listen 127.0.0.1:${port};`);
  if (!config.includes(servers) || !config.includes(`listen 127.0.0.1:${port};`))
    throw new Error('deploy/nginx.conf no longer has the upstream or listen lines the test replaces');
  writeFileSync(join(prefix, 'nginx.conf'), config);
  const nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', `daemon off; pid ${join(prefix, 'nginx.pid')}; error_log stderr warn;`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  nginx.stderr?.on('data', (chunk) => (errors += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${baseUrl}/api/health`, nginx, () => errors);
  return {
    baseUrl,
    stop: async () => {
      await stopProcess(nginx, 'SIGQUIT');
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

async function waitUntilAnswering(url: string, nginx: ChildProcess, errors: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited with ${nginx.exitCode}: ${errors()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`nginx did not answer within 10 s: ${errors()}`);
}
