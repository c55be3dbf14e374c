import { QueryFailedError } from 'typeorm';

/** PostgreSQL's SQLSTATE for a unique index refusing a row. */
const PG_UNIQUE_VIOLATION = '23505';

/**
 * Whether a write failed because a unique index already holds the row, on either engine: node-sqlite3 reports
 * SQLITE_CONSTRAINT for every constraint and names the kind only in its message (it has no extended code).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string } | undefined;
  if (driverError?.code === PG_UNIQUE_VIOLATION) return true;
  return driverError?.code === 'SQLITE_CONSTRAINT' && /\bUNIQUE constraint failed\b/.test(driverError.message ?? '');
}
