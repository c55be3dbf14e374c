import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDatabaseFilePrivate } from './private-database-files';

describe('makeDatabaseFilePrivate', () => {
  let root: string;
  const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lilux-private-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the directories 0700 and the database file 0600, whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      makeDatabaseFilePrivate(join(root, 'data', 'nested', 'lilux.db'));
    } finally {
      process.umask(previous);
    }
    expect([modeOf(join(root, 'data')), modeOf(join(root, 'data', 'nested')), modeOf(join(root, 'data', 'nested', 'lilux.db'))]).toEqual(['700', '700', '600']);
  });

  it("tightens an older install's database and SQLite files, leaving the directory it found as it was", () => {
    const directory = join(root, 'shared');
    mkdirSync(directory, { mode: 0o755 });
    for (const name of ['lilux.db', 'lilux.db-wal', 'lilux.db-shm']) writeFileSync(join(directory, name), 'x', { mode: 0o644 });
    makeDatabaseFilePrivate(join(directory, 'lilux.db'));
    expect(['shared', 'shared/lilux.db', 'shared/lilux.db-wal', 'shared/lilux.db-shm'].map((path) => modeOf(join(root, path)))).toEqual([
      '755',
      '600',
      '600',
      '600',
    ]);
  });
});
