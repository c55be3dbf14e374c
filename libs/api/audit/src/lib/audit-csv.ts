import type { AuditEvent } from '@lilux/contracts';

const COLUMNS: (keyof AuditEvent)[] = [
  'id',
  'at',
  'actorId',
  'actorName',
  'action',
  'outcome',
  'address',
  'subjectType',
  'subjectId',
  'details',
  'prevHash',
  'hash',
];

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: text a spreadsheet would run as a formula (starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, as OWASP advises, and quoted.
 * Names given at a failed login and account labels reach this file, so this is not theoretical.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header, then each page of events as CSV lines: a stream for a download of any length. */
export async function* auditCsv(pages: AsyncIterable<AuditEvent[]>): AsyncGenerator<string> {
  yield COLUMNS.join(',') + '\r\n';
  for await (const events of pages) yield events.map((event) => COLUMNS.map((column) => csvCell(event[column])).join(',') + '\r\n').join('');
}
