// The read models' digest: every row of every table hashed in canonical form (its table and its
// column values, in column order, as JSON) and the hashes added up modulo 2^256. A sum can be
// kept up to date row by row (add a new row's hash, take an old one's away), gives the same value
// whatever order the rows were written in, and two sets of rows with the same sum are, short of
// breaking SHA-256, the same rows.
import * as crypto from 'node:crypto';

export type RowValues = readonly (string | number | bigint | null)[];

/** The canonical text of a row: what its hash is taken over. */
export function canonicalRow(table: string, values: RowValues): string {
  // One array, not a mapped copy and a spread of it: a rebuild canonicalises millions of rows.
  const row: (string | number | null)[] = new Array(values.length + 1);
  row[0] = table;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    row[i + 1] = typeof value === 'bigint' ? value.toString() : value;
  }
  return JSON.stringify(row);
}

/**
 * A row's SHA-256 as a string of 32 latin1 characters (one per byte): a rebuild hashes millions of
 * rows, and a short string costs half of what a Buffer does, which is an ArrayBuffer of its own.
 */
export type RowHash = string;

// One-shot crypto.hash (Node >= 20.12) where there is one: no Hash object per row.
const sha256: (text: string) => RowHash =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'binary')
    : (text) => crypto.createHash('sha256').update(text).digest('binary');

export function rowHash(table: string, values: RowValues): RowHash {
  return sha256(canonicalRow(table, values));
}

/** Word i (0: most significant) of a hash, as an unsigned 32-bit number. */
function wordOf(hash: RowHash | Buffer, i: number): number {
  if (typeof hash !== 'string') return hash.readUInt32BE(i * 4);
  const at = i * 4;
  return ((hash.charCodeAt(at) << 24) | (hash.charCodeAt(at + 1) << 16) | (hash.charCodeAt(at + 2) << 8) | hash.charCodeAt(at + 3)) >>> 0;
}

/**
 * The sum, as eight 32-bit words, most significant first: the hashes of millions of rows are added
 * here, and word arithmetic costs a fraction of converting each hash to a BigInt.
 */
export class ReadModelDigest {
  private readonly words = new Uint32Array(8);

  static fromHex(hex: string): ReadModelDigest {
    const digest = new ReadModelDigest();
    digest.reset(hex);
    return digest;
  }

  add(hash: RowHash | Buffer): void {
    let carry = 0;
    for (let i = 7; i >= 0; i -= 1) {
      const sum = this.words[i] + wordOf(hash, i) + carry;
      this.words[i] = sum >>> 0;
      carry = sum > 0xffffffff ? 1 : 0;
    }
  }

  remove(hash: RowHash | Buffer): void {
    let borrow = 0;
    for (let i = 7; i >= 0; i -= 1) {
      const difference = this.words[i] - wordOf(hash, i) - borrow;
      this.words[i] = difference >>> 0;
      borrow = difference < 0 ? 1 : 0;
    }
  }

  addRow(table: string, values: RowValues): void {
    this.add(rowHash(table, values));
  }

  removeRow(table: string, values: RowValues): void {
    this.remove(rowHash(table, values));
  }

  /** Back to a digest kept earlier (after a transaction that did not commit), or to nothing. */
  reset(hex: string | undefined): void {
    const bytes = Buffer.from((hex ?? '').padStart(64, '0'), 'hex');
    for (let i = 0; i < 8; i += 1) this.words[i] = bytes.readUInt32BE(i * 4);
  }

  toHex(): string {
    return [...this.words].map((word) => word.toString(16).padStart(8, '0')).join('');
  }
}
