import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** SQLite's companions of a database file: the write-ahead log and its shared-memory index. */
const SQLITE_COMPANIONS = ['-wal', '-shm'];
const OWNER_ONLY_DIRECTORY = 0o700;
const OWNER_ONLY_FILE = 0o600;

/**
 * Makes a SQLite database readable by its owner only, before SQLite opens it: the directories it creates are
 * 0700 and the file 0600 (SQLite gives its -wal and -shm files the database file's mode). The database holds
 * password hashes and encrypted exchange keys; with the default umask they were 0755/0644, readable by every
 * account on the machine. Files of an older install are tightened; a directory that already exists is left
 * as it is, since it may be shared (`/var/lib`).
 */
export function makeDatabaseFilePrivate(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: OWNER_ONLY_DIRECTORY });
  closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
  for (const path of [file, ...SQLITE_COMPANIONS.map((suffix) => file + suffix)]) {
    if (existsSync(path)) tightenIfOwn(path);
  }
}

/** Another user's file is theirs to set: chmod would fail, and they may share it on purpose. */
function tightenIfOwn(path: string): void {
  const { mode, uid } = statSync(path);
  if (uid === process.getuid?.() && (mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY_FILE);
}
