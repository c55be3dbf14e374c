import type { AuditAction, AuditOutcome, AuditSubjectType } from '@lilux/contracts';
import { createHash } from 'node:crypto';

/** What the first row follows. */
export const GENESIS_HASH = '0'.repeat(64);

/** A row of the audit log as it is stored and hashed; `details` is the stored JSON text. */
export interface ChainedRow {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  address: string | null;
  subjectType: AuditSubjectType | null;
  subjectId: string | null;
  details: string | null;
  prevHash: string;
  hash: string;
}

export type UnchainedRow = Omit<ChainedRow, 'id' | 'prevHash' | 'hash'>;

/** The row a chain ends with (or, before the first row, its anchor): the next row follows it. */
export interface ChainLink {
  id: number;
  hash: string;
}

export const GENESIS: ChainLink = { id: 0, hash: GENESIS_HASH };

/**
 * sha256 of the row's canonical JSON: its fields and `prevHash` as one object with keys in alphabetical order,
 * no whitespace (what `JSON.stringify` writes for the literal below; in Python,
 * `json.dumps(row, sort_keys=True, separators=(',', ':'), ensure_ascii=False)`).
 */
export function hashOf(row: Omit<ChainedRow, 'hash'>): string {
  const canonical = JSON.stringify({
    action: row.action,
    actorId: row.actorId,
    actorName: row.actorName,
    address: row.address,
    at: row.at,
    details: row.details,
    id: row.id,
    outcome: row.outcome,
    prevHash: row.prevHash,
    subjectId: row.subjectId,
    subjectType: row.subjectType,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Numbers and links `rows` after `last`, each carrying the hash of the one before. */
export function extendChain(last: ChainLink, rows: UnchainedRow[]): ChainedRow[] {
  let previous = last;
  return rows.map((fields) => {
    const unhashed = { ...fields, id: previous.id + 1, prevHash: previous.hash };
    const row = { ...unhashed, hash: hashOf(unhashed) };
    previous = row;
    return row;
  });
}

export interface ChainBreak {
  /** The first row that was changed, or the first id that is missing. */
  id: number;
  problem: string;
}

/**
 * Walks a chain in id order from its anchor and finds the first break: a row whose hash is not that of its
 * fields (it was edited), a missing id (a row was deleted), or a row that does not follow the one before (rows
 * were replaced or renumbered). Fed a page at a time, so a long chain is never held in memory.
 */
export class ChainVerifier {
  private previous: ChainLink;
  private checkedRows = 0;
  private firstBreak: ChainBreak | null = null;

  constructor(anchor: ChainLink) {
    this.previous = anchor;
  }

  get checked(): number {
    return this.checkedRows;
  }

  get broken(): ChainBreak | null {
    return this.firstBreak;
  }

  /** Checks the row after the last one checked; false once the chain is broken. */
  check(row: ChainedRow): boolean {
    if (this.firstBreak) return false;
    const expectedId = this.previous.id + 1;
    this.checkedRows += 1;
    if (row.id !== expectedId) return this.breakAt(expectedId, row.id > expectedId ? `rows ${expectedId} to ${row.id - 1} are missing` : 'ids repeat');
    if (row.prevHash !== this.previous.hash) return this.breakAt(row.id, 'does not follow the row before it');
    if (hashOf(row) !== row.hash) return this.breakAt(row.id, 'was changed after it was written');
    this.previous = { id: row.id, hash: row.hash };
    return true;
  }

  /** Checks that the rows end where the chain's head says they do: none was cut off the end. */
  end(head: ChainLink): ChainBreak | null {
    if (this.firstBreak) return this.firstBreak;
    // Rows are read up to the head's id, never past it.
    if (head.id !== this.previous.id) {
      this.breakAt(this.previous.id + 1, `rows ${this.previous.id + 1} to ${head.id} are missing`);
    } else if (head.hash !== this.previous.hash) {
      this.breakAt(head.id, 'is not the row the head recorded');
    }
    return this.firstBreak;
  }

  private breakAt(id: number, problem: string): false {
    this.firstBreak = { id, problem };
    return false;
  }
}
