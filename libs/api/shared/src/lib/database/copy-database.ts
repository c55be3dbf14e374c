import { DataSource, QueryRunner, Table } from 'typeorm';

/** Tables that belong to the database they are in, not to Lilux's data: never copied. */
const OWN_TABLES = new Set(['migrations', 'leases']);
const BATCH_ROWS = 500;

export interface CopiedTable {
  table: string;
  rows: number;
}

/**
 * Copies every row of every Lilux table from `source` into `target`, both already migrated to the same schema,
 * parents before children, in one transaction on the target: all or nothing. Values go as the source holds them
 * (decimals are text on both engines, so nothing is rounded). Refuses a target that holds any data.
 */
export async function copyDatabase(source: DataSource, target: DataSource): Promise<CopiedTable[]> {
  const reader = source.createQueryRunner();
  const writer = target.createQueryRunner();
  try {
    const tables = inDependencyOrder((await reader.getTables(await tableNames(reader))).filter((table) => !OWN_TABLES.has(table.name)));
    for (const table of tables) {
      const [{ count }] = await writer.query(`SELECT COUNT(*) AS count FROM ${quoted(writer, table.name)}`);
      if (Number(count) > 0) throw new Error(`the target database already holds data (table ${table.name}): copy only into an empty one`);
    }
    const copied: CopiedTable[] = [];
    await writer.startTransaction();
    try {
      for (const table of tables) copied.push({ table: table.name, rows: await copyTable(reader, writer, table.name) });
      await resetSequences(writer);
      await writer.commitTransaction();
    } catch (error) {
      await writer.rollbackTransaction();
      throw error;
    }
    return copied;
  } finally {
    await reader.release();
    await writer.release();
  }
}

async function tableNames(runner: QueryRunner): Promise<string[]> {
  const rows: { name: string }[] =
    runner.connection.options.type === 'sqlite'
      ? await runner.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      : await runner.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()');
  return rows.map((row) => row.name);
}

/** Parents first: a table comes after every table its foreign keys point to. */
function inDependencyOrder(tables: Table[]): Table[] {
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const pending = new Map(tables.map((table) => [table.name, table]));
  while (pending.size > 0) {
    const ready = [...pending.values()].filter((table) =>
      table.foreignKeys.every((key) => placed.has(key.referencedTableName) || key.referencedTableName === table.name || !pending.has(key.referencedTableName)),
    );
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...pending.keys()].join(', ')}`);
    for (const table of ready.sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push(table);
      placed.add(table.name);
      pending.delete(table.name);
    }
  }
  return ordered;
}

async function copyTable(reader: QueryRunner, writer: QueryRunner, table: string): Promise<number> {
  const rows: Record<string, unknown>[] = await reader.query(`SELECT * FROM ${quoted(reader, table)}`);
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const columns = Object.keys(batch[0]);
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${columns.map((column) => placeholder(writer, values.push(row[column]))).join(', ')})`);
    const names = columns.map((column) => quoted(writer, column)).join(', ');
    await writer.query(`INSERT INTO ${quoted(writer, table)} (${names}) VALUES ${tuples.join(', ')}`, values);
  }
  return rows.length;
}

/** Counters (PostgreSQL sequences behind generated ids) continue after the copied rows, not from 1. */
async function resetSequences(writer: QueryRunner): Promise<void> {
  if (writer.connection.options.type !== 'postgres') return;
  const columns: { table: string; column: string }[] = await writer.query(
    "SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'",
  );
  for (const { table, column } of columns) {
    await writer.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${quoted(writer, column)}) FROM ${quoted(writer, table)}), 0) + 1, false)`,
      [table, column],
    );
  }
}

function quoted(runner: QueryRunner, name: string): string {
  return runner.connection.driver.escape(name);
}

function placeholder(runner: QueryRunner, position: number): string {
  return runner.connection.options.type === 'postgres' ? `$${position}` : '?';
}
