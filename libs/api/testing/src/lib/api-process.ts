import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, TestDatabase, TestDatabaseEngine } from './test-database';

const DIST = resolve(__dirname, '../../../../../dist/apps/api');

export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';
export const TEST_FERNET_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
export const ADMIN = { username: 'admin', password: 'admin-password-e2e' };

/** The environment every test process starts from; tests override single variables. */
export function baseEnvironment(): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    FERNET_KEY: TEST_FERNET_KEY,
    ADMIN_USER: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'info',
    // Without it the API would first give Binance 3 s to answer; tests that want ccxt point it at a local server.
    MARKET_DATA: 'simulated',
  };
}

export interface RunningApi {
  baseUrl: string;
  directory: string;
  /** Its own database: a SQLite file in `directory`, or a PostgreSQL database made for it (see test-database). */
  database: TestDatabase;
  /** Everything the process wrote to stdout so far (its JSON logs). */
  output(): string;
  /** Resolves once the process has written `text` (its logs reach us asynchronously through a pipe). */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Sends the process a signal and leaves it be: `SIGKILL` to crash it, `SIGSTOP` / `SIGCONT` to pause it. */
  signal(signal: NodeJS.Signals): void;
  /** The process's id, e.g. for a benchmark to read its CPU time. */
  pid(): number | undefined;
  /** Stops the process (`SIGKILL` for a crash, default a clean `SIGTERM`) and starts it again on the same files and port. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process and leaves its files and database, for a tool to run on them. */
  halt(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the built API (dist/apps/api/main.js) as a real process in a fresh temporary directory, so that its
 * database and `.env` lookup are its own, and waits until /api/health answers.
 */
export async function startApi(
  overrides: Record<string, string> = {},
  on: {
    database?: TestDatabase;
    engine?: TestDatabaseEngine;
    /** Another build of the API (the bench's baseline); this checkout's by default. */ dist?: string;
  } = {},
): Promise<RunningApi> {
  const directory = mkdtempSync(join(tmpdir(), 'lilux-e2e-'));
  // Another instance's database (PostgreSQL), or one of its own, on the suite's engine unless told otherwise.
  const shared = on.database;
  const database = shared ?? (await createTestDatabase(directory, on.engine));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const launch = async () => {
    const apiProcess = spawn(process.execPath, [join(on.dist ?? DIST, 'main.js')], {
      cwd: directory,
      env: { ...baseEnvironment(), DATABASE_URL: database.url, PORT: String(port), ...overrides },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    apiProcess.stdout?.on('data', (chunk) => (output += chunk));
    apiProcess.stderr?.on('data', (chunk) => (output += chunk));
    await waitForHealth(baseUrl, apiProcess, () => output);
    return apiProcess;
  };
  let child = await launch();
  return {
    baseUrl,
    directory,
    database,
    output: () => output,
    waitForOutput: async (text, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (Date.now() > deadline) throw new Error(`the API never wrote ${JSON.stringify(text)}`);
        await new Promise((resolveWait) => setTimeout(resolveWait, 20));
      }
    },
    signal: (signal) => child.kill(signal),
    pid: () => child.pid,
    restart: async (signal = 'SIGTERM') => {
      await stopProcess(child, signal);
      child = await launch();
    },
    halt: () => stopProcess(child),
    stop: async () => {
      await stopProcess(child);
      if (!shared) await database.drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a built entry point to its end (e.g. with a bad configuration), beside a running API on its database, or
 * in a fresh directory.
 */
export function runToExit(
  entry: 'main.js' | 'rotate-keys.js' | 'copy-database.js',
  overrides: Record<string, string | undefined>,
  beside?: RunningApi,
  args: string[] = [],
) {
  const workingDirectory = beside?.directory ?? mkdtempSync(join(tmpdir(), 'lilux-e2e-'));
  try {
    const environment = Object.fromEntries(
      Object.entries({ ...baseEnvironment(), DATABASE_URL: beside?.database.url, PORT: '0', ...overrides }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
    const result = spawnSync(process.execPath, [join(DIST, entry), ...args], {
      cwd: workingDirectory,
      env: environment,
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    if (!beside) rmSync(workingDirectory, { recursive: true, force: true });
  }
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`the API did not become healthy within 30 s:\n${output()}`);
}

/** Stops a child process with `signal` and resolves once it has exited (at once if it already has). */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill(signal);
  });
}

/** A TCP port on loopback that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
