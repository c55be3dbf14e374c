import { createHash } from 'node:crypto';
import { ChainedRow, ChainVerifier, extendChain, GENESIS, GENESIS_HASH, hashOf, UnchainedRow } from './audit-chain';

const event = (at: string, overrides: Partial<UnchainedRow> = {}): UnchainedRow => ({
  at,
  actorId: '6f1c1d4e-0000-4000-8000-000000000001',
  actorName: 'alice',
  action: 'auth.login',
  outcome: 'ok',
  address: '203.0.113.7',
  subjectType: null,
  subjectId: null,
  details: null,
  ...overrides,
});

const fiveEvents = () =>
  extendChain(
    GENESIS,
    [1, 2, 3, 4, 5].map((minute) => event(`2026-11-27T10:0${minute}:00.000Z`, minute === 3 ? { action: 'order.place', details: '{"symbol":"BTC/USDT"}' } : {})),
  );

function verify(rows: ChainedRow[], anchor = GENESIS, head = { id: rows[rows.length - 1].id, hash: rows[rows.length - 1].hash }) {
  const verifier = new ChainVerifier(anchor);
  for (const row of rows) if (!verifier.check(row)) break;
  return { broken: verifier.end(head), checked: verifier.checked };
}

describe('the audit chain', () => {
  it('hashes the canonical JSON of the fields and the previous hash: keys sorted, no whitespace', () => {
    const [first] = extendChain(GENESIS, [event('2026-11-27T10:00:00.000Z', { details: '{"a":1}' })]);
    const canonical =
      '{"action":"auth.login","actorId":"6f1c1d4e-0000-4000-8000-000000000001","actorName":"alice","address":"203.0.113.7",' +
      `"at":"2026-11-27T10:00:00.000Z","details":"{\\"a\\":1}","id":1,"outcome":"ok","prevHash":"${GENESIS_HASH}","subjectId":null,"subjectType":null}`;
    expect(first.hash).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(first).toMatchObject({ id: 1, prevHash: GENESIS_HASH });
  });

  it('numbers rows on from the last one and links each to the one before', () => {
    const rows = fiveEvents();
    expect(rows.map((row) => row.id)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    const more = extendChain(rows[4], [event('2026-11-27T10:06:00.000Z')]);
    expect(more[0]).toMatchObject({ id: 6, prevHash: rows[4].hash });
  });

  it('gives every change of a field a different hash', () => {
    const [row] = fiveEvents();
    const fields: (keyof UnchainedRow)[] = ['at', 'actorId', 'actorName', 'action', 'outcome', 'address', 'subjectType', 'subjectId', 'details'];
    for (const field of fields) {
      const changed = { ...row, [field]: field === 'action' ? 'auth.logout' : field === 'outcome' ? 'failed' : field === 'subjectType' ? 'user' : 'x' };
      expect({ field, hash: hashOf(changed) }).not.toEqual({ field, hash: row.hash });
    }
    expect(hashOf({ ...row, prevHash: '1'.repeat(64) })).not.toBe(row.hash);
  });

  it('verifies an untouched chain', () => {
    expect(verify(fiveEvents())).toEqual({ broken: null, checked: 5 });
  });

  it('finds an edited row', () => {
    const rows = fiveEvents();
    rows[2] = { ...rows[2], outcome: 'failed' };
    expect(verify(rows).broken).toEqual({ id: 3, problem: 'was changed after it was written' });
  });

  it('finds an edited row whose hash was recomputed: the next row no longer follows it', () => {
    const rows = fiveEvents();
    const forged = { ...rows[2], outcome: 'failed' as const };
    rows[2] = { ...forged, hash: hashOf(forged) };
    expect(verify(rows).broken).toEqual({ id: 4, problem: 'does not follow the row before it' });
  });

  it('finds a deleted row in the middle', () => {
    const rows = fiveEvents();
    rows.splice(2, 1);
    expect(verify(rows).broken).toEqual({ id: 3, problem: 'rows 3 to 3 are missing' });
  });

  it('finds a deleted row whose successors were renumbered', () => {
    const rows = fiveEvents();
    rows.splice(2, 1);
    const renumbered = rows.map((row, i) => ({ ...row, id: i + 1 }));
    expect(verify(renumbered).broken).toEqual({ id: 3, problem: 'does not follow the row before it' });
  });

  it('finds rows cut off the end, against the head', () => {
    const rows = fiveEvents();
    expect(verify(rows.slice(0, 3), GENESIS, { id: 5, hash: rows[4].hash }).broken).toEqual({ id: 4, problem: 'rows 4 to 5 are missing' });
  });

  it('verifies from a retention anchor: the rows left follow the hash of the last one removed', () => {
    const rows = fiveEvents();
    const anchor = { id: rows[1].id, hash: rows[1].hash };
    expect(verify(rows.slice(2), anchor)).toEqual({ broken: null, checked: 3 });
    expect(verify(rows.slice(3), anchor).broken).toEqual({ id: 3, problem: 'rows 3 to 3 are missing' });
    expect(verify(rows.slice(2), { id: 2, hash: GENESIS_HASH }).broken).toEqual({ id: 3, problem: 'does not follow the row before it' });
  });

  it('verifies an empty chain against its head', () => {
    const verifier = new ChainVerifier(GENESIS);
    expect(verifier.end(GENESIS)).toBeNull();
    expect(verifier.end({ id: 2, hash: 'f'.repeat(64) })).toEqual({ id: 1, problem: 'rows 1 to 2 are missing' });
  });
});
