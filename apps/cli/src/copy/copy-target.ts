// A copy goes into an empty file, or into a ledger an earlier copy began (it resumes that one);
// anything else is refused before a byte is written: opening a store on a file creates the
// ledger's tables in it, so the read models' file, say, would become half a ledger.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** The tables an embedded store makes (sqlite-schema.ts): a file holding only these is a ledger. */
const LEDGER_TABLES: ReadonlySet<string> = new Set(['events', 'kept_digests', 'store_meta']);

export function refuseUnlessEmptyOrLedger(path: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return; // absent: it is made
  }
  if (size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const file = openSync(path, 'r');
  try {
    readSync(file, header, 0, header.length, 0);
  } finally {
    closeSync(file);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new Error(`--to-sqlite ${path} is not empty and not a SQLite file: copy writes only into an empty file or a ledger it began copying`);
  }
  const db = new Database(path, { readonly: true, fileMustExist: true });
  let tables: string[];
  try {
    tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  } finally {
    db.close();
  }
  const foreign = tables.filter((name) => !LEDGER_TABLES.has(name));
  if (foreign.length > 0) {
    throw new Error(
      `--to-sqlite ${path} is not empty: it holds tables of something other than a ledger (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); ` +
        'copy writes only into an empty file or a ledger it began copying',
    );
  }
}
