import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Database } from 'sqlite3';

/** The engine the API's end-to-end tests run on: PostgreSQL with `LILUX_TEST_DATABASE=postgres`, SQLite otherwise. */
export type TestDatabaseEngine = 'sqlite' | 'postgres';

export function testDatabaseEngine(): TestDatabaseEngine {
  return process.env['LILUX_TEST_DATABASE'] === 'postgres' ? 'postgres' : 'sqlite';
}

/** Where tests create their PostgreSQL databases: a server that lets them CREATE and DROP DATABASE. */
export function postgresAdminUrl(): string {
  return process.env['LILUX_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** One API process's own database, made empty for it and dropped after it. */
export interface TestDatabase {
  /** The API's DATABASE_URL, relative to its working directory for SQLite. */
  url: string;
  /** Every value the database holds, as text: what a thief with the database would read. */
  contents(): Promise<string>;
  /** Runs SQL straight on the database, as anyone with its files or its password could: no API, no checks. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Each column's type as the database names it. */
  columnTypes(table: string): Promise<Record<string, string>>;
  drop(): Promise<void>;
}

export async function createTestDatabase(directory: string, engine = testDatabaseEngine()): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const files = join(directory, 'data');
    return {
      url: 'sqlite:data/lilux.db',
      // The database file and its write-ahead log.
      contents: async () =>
        readdirSync(files)
          .map((file) => readFileSync(join(files, file)).toString('latin1'))
          .join(''),
      query: (sql) => onSqliteFile(join(files, 'lilux.db'), sql),
      columnTypes: async () => {
        throw new Error('column types are read from PostgreSQL databases only');
      },
      drop: async () => undefined,
    };
  }
  const name = `lilux_test_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    contents: () => onServer(async (client) => dump(client), url.toString()),
    query: (sql) => onServer(async (client) => (await client.query(sql)).rows, url.toString()),
    columnTypes: (table) =>
      onServer(async (client) => {
        const result = await client.query<{ name: string; type: string }>(
          'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $1',
          [table],
        );
        return Object.fromEntries(result.rows.map(({ name, type }) => [name, type]));
      }, url.toString()),
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function dump(client: Client): Promise<string> {
  const tables = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'");
  const rows: string[] = [];
  for (const { name } of tables.rows) {
    const result = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
    rows.push(...result.rows.map(({ row }) => row));
  }
  return rows.join('\n');
}

/** Beside the running API: WAL lets it read while the API writes, and a write waits for the API's to end. */
function onSqliteFile(file: string, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const database = new Database(file, (opened) => {
      if (opened) return reject(opened);
      database.configure('busyTimeout', 5000);
      database.all(sql, (failed, rows: Record<string, unknown>[]) => database.close(() => (failed ? reject(failed) : resolve(rows))));
    });
  });
}

async function onServer<T>(work: (client: Client) => Promise<T>, url = postgresAdminUrl()): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
