import type { AuditEvent } from '@lilux/contracts';
import { auditCsv, csvCell } from './audit-csv';

const event: AuditEvent = {
  id: 7,
  at: '2026-11-27T10:00:00.000Z',
  actorId: null,
  actorName: null,
  action: 'exchange-account.add',
  outcome: 'ok',
  address: '127.0.0.1',
  subjectType: 'account',
  subjectId: 'a1',
  details: { label: '=HYPERLINK("http://evil.example","click")', mode: 'testnet' },
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

describe('the audit CSV', () => {
  it('defuses what a spreadsheet would run as a formula', () => {
    for (const formula of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvCell(formula);
      expect(cell.startsWith('"\'')).toBe(true);
      expect(cell).toBe(`"'${formula}"`);
    }
    expect(csvCell('a "quoted", text')).toBe('"a ""quoted"", text"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header and one line per event, details as their JSON', async () => {
    async function* pages() {
      yield [event];
    }
    let csv = '';
    for await (const chunk of auditCsv(pages())) csv += chunk;
    const [header, line, end] = csv.split('\r\n');
    expect(header).toBe('id,at,actorId,actorName,action,outcome,address,subjectType,subjectId,details,prevHash,hash');
    expect(line).toBe(
      `7,2026-11-27T10:00:00.000Z,,,exchange-account.add,ok,127.0.0.1,account,a1,"{""label"":""=HYPERLINK(\\""http://evil.example\\"",\\""click\\"")"",""mode"":""testnet""}",${'0'.repeat(64)},${'f'.repeat(64)}`,
    );
    expect(end).toBe('');
  });
});
