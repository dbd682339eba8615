// The read models' digest: every row of every table hashed in canonical form (its table and its
// column values, in column order, as JSON) and the hashes added up modulo 2^256. A sum can be
// kept up to date row by row (add a new row's hash, take an old one's away), gives the same value
// whatever order the rows were written in, and two sets of rows with the same sum are, short of
// breaking SHA-256, the same rows.
import * as crypto from 'node:crypto';

const MODULUS_MASK = (1n << 256n) - 1n;

export type RowValues = readonly (string | number | bigint | null)[];

/** The canonical text of a row: what its hash is taken over. */
export function canonicalRow(table: string, values: RowValues): string {
  return JSON.stringify([table, ...values.map((v) => (typeof v === 'bigint' ? v.toString() : v))]);
}

// One-shot crypto.hash (Node >= 20.12) where there is one: no Hash object per row.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function rowHash(table: string, values: RowValues): bigint {
  return BigInt(`0x${sha256Hex(canonicalRow(table, values))}`);
}

export class ReadModelDigest {
  constructor(private sum = 0n) {}

  static fromHex(hex: string): ReadModelDigest {
    return new ReadModelDigest(BigInt(`0x${hex}`));
  }

  add(hash: bigint): void {
    this.sum = (this.sum + hash) & MODULUS_MASK;
  }

  remove(hash: bigint): void {
    this.sum = (this.sum - hash) & MODULUS_MASK;
  }

  addRow(table: string, values: RowValues): void {
    this.add(rowHash(table, values));
  }

  removeRow(table: string, values: RowValues): void {
    this.remove(rowHash(table, values));
  }

  /** Back to a digest kept earlier (after a transaction that did not commit), or to nothing. */
  reset(hex: string | undefined): void {
    this.sum = hex ? BigInt(`0x${hex}`) : 0n;
  }

  toHex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}
