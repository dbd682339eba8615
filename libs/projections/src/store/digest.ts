// The read models' digest: every row of every table hashed in canonical form (its table and its
// column values, in column order, as JSON) and the hashes added up modulo 2^256. A sum can be
// kept up to date row by row (add a new row's hash, take an old one's away), gives the same value
// whatever order the rows were written in, and two sets of rows with the same sum are, short of
// breaking SHA-256, the same rows.
import * as crypto from 'node:crypto';

export type RowValues = readonly (string | number | bigint | null)[];

/** The canonical text of a row: what its hash is taken over. */
export function canonicalRow(table: string, values: RowValues): string {
  return JSON.stringify([table, ...values.map((v) => (typeof v === 'bigint' ? v.toString() : v))]);
}

// One-shot crypto.hash (Node >= 20.12) where there is one: no Hash object per row.
const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'buffer')
    : (text) => crypto.createHash('sha256').update(text).digest();

export function rowHash(table: string, values: RowValues): Buffer {
  return sha256(canonicalRow(table, values));
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

  add(hash: Buffer): void {
    let carry = 0;
    for (let i = 7; i >= 0; i -= 1) {
      const sum = this.words[i] + hash.readUInt32BE(i * 4) + carry;
      this.words[i] = sum >>> 0;
      carry = sum > 0xffffffff ? 1 : 0;
    }
  }

  remove(hash: Buffer): void {
    let borrow = 0;
    for (let i = 7; i >= 0; i -= 1) {
      const difference = this.words[i] - hash.readUInt32BE(i * 4) - borrow;
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
