// The journal's Merkle tree, hashed as RFC 9162 §2.1 (RFC 6962) prescribes, so any Certificate
// Transparency verifier can check our tree heads and proofs: the builder side (MerkleFrontier for the
// live tree head, MerkleTree for proofs) and the auditor side (verifyConsistency, verifyInclusion).
import * as crypto from 'node:crypto';
import { HASH_BYTES } from './event-hash';

// Sizes are plain numbers: counts up to 2^53 stay exact, and halving is done with arithmetic
// because JavaScript's bit operators would cut them to 32 bits.
const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);
const isHash = (value: unknown): value is Buffer => Buffer.isBuffer(value) && value.length === HASH_BYTES;

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// crypto.hash (Node >= 20.12) skips the Hash object that createHash builds on every call:
// measured 1.3–1.5x faster for these 33- and 65-byte inputs. package.json still allows 20.11.
// The digest comes back as a 'binary' (latin1) string, one char per byte both ways, and becomes a
// Buffer here: a Buffer made in C++ gets a backing store of its own, one made here a slice of
// the pool, and that halves the cost of a hash again (two per event on a rebuild).
const sha256: (data: Buffer) => Buffer =
  typeof crypto.hash === 'function'
    ? (data) => Buffer.from(crypto.hash('sha256', data, 'binary'), 'binary')
    : (data) => crypto.createHash('sha256').update(data).digest();

/** RFC 9162 §2.1.1: the hash of an empty tree is the hash of the empty string. */
export const EMPTY_ROOT: Buffer = sha256(Buffer.alloc(0));

// Reused input buffers: the hash is computed before returning, so sharing them is safe, and it
// saves a concat allocation per hash on the hot path (two hashes per appended event).
const leafInput = Buffer.alloc(1 + HASH_BYTES, 0x00);
const nodeInput = Buffer.alloc(1 + 2 * HASH_BYTES, 0x01);

/** RFC 9162 §2.1.1 leaf hash, SHA-256(0x00 || data), for leaf data of any length. */
export function leafHash(data: Buffer): Buffer {
  if (data.length !== HASH_BYTES) return sha256(Buffer.concat([Buffer.of(0x00), data]));
  data.copy(leafInput, 1);
  return sha256(leafInput);
}

/** RFC 9162 §2.1.1 interior node hash, SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (!isHash(left) || !isHash(right)) throw new RangeError(`Merkle node children must be ${HASH_BYTES}-byte hashes`);
  left.copy(nodeInput, 1);
  right.copy(nodeInput, 1 + HASH_BYTES);
  return sha256(nodeInput);
}

/** The tree head over complete subtrees listed left to right, largest first (RFC 9162's right-leaning shape). */
function foldRight(subtrees: readonly Buffer[]): Buffer {
  if (subtrees.length === 0) return Buffer.from(EMPTY_ROOT);
  let hash: Buffer = Buffer.from(subtrees[subtrees.length - 1]);
  for (let i = subtrees.length - 2; i >= 0; i--) hash = nodeHash(subtrees[i], hash);
  return hash;
}

/** What MerkleFrontier.toJSON gives: the size and the frontier's hashes in hex, left to right. */
export interface MerkleFrontierJson {
  readonly size: number;
  readonly hashes: readonly string[];
}

/**
 * The compact range [0, size): one hash per set bit of `size`, left to right — all a store needs
 * to keep the tree head current at O(1) amortised hashing per append, and to resume from one row.
 */
export class MerkleFrontier {
  private readonly hashes: Buffer[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leafData: Buffer): void {
    let hash = leafHash(leafData);
    // Each trailing 1-bit of the old size is a full subtree the new leaf now completes a pair with.
    for (let bits = this.count; isOdd(bits); bits = half(bits)) {
      const left = this.hashes.pop();
      if (left === undefined) throw new Error('Merkle frontier is inconsistent with its size');
      hash = nodeHash(left, hash);
    }
    this.hashes.push(hash);
    this.count += 1;
  }

  root(): Buffer {
    return foldRight(this.hashes);
  }

  toJSON(): MerkleFrontierJson {
    return { size: this.count, hashes: this.hashes.map((hash) => hash.toString('hex')) };
  }

  /** Restores a frontier kept with toJSON; throws on anything that is not one. */
  static fromJSON(json: unknown): MerkleFrontier {
    const { size, hashes } = parseFrontierJson(json);
    const frontier = new MerkleFrontier();
    frontier.count = size;
    frontier.hashes.push(...hashes.map((hex) => Buffer.from(hex, 'hex')));
    return frontier;
  }
}

const HEX_HASH = /^[0-9a-f]{64}$/;

function parseFrontierJson(json: unknown): MerkleFrontierJson {
  if (typeof json !== 'object' || json === null) throw new TypeError('Merkle frontier must be an object');
  const { size, hashes } = json as Record<string, unknown>;
  if (typeof size !== 'number' || !isSize(size)) throw new TypeError('Merkle frontier size must be a safe integer >= 0');
  if (!Array.isArray(hashes) || !hashes.every((hash) => typeof hash === 'string' && HEX_HASH.test(hash))) {
    throw new TypeError('Merkle frontier hashes must be 64-digit lowercase hex strings');
  }
  if (hashes.length !== countSetBits(size)) {
    throw new TypeError(`a Merkle frontier of size ${size} holds ${countSetBits(size)} hashes, got ${hashes.length}`);
  }
  return { size, hashes: hashes as string[] };
}

function countSetBits(n: number): number {
  let count = 0;
  for (let bits = n; bits > 0; bits = half(bits)) if (isOdd(bits)) count += 1;
  return count;
}

// Nodes per chunk of a HashColumn, 1 MiB: a growing level never copies more than that, and no
// level runs into Buffer's size limit however long the log gets.
const CHUNK_NODES = 1 << 15;
const FIRST_CHUNK_NODES = 8;

/** One level of a MerkleTree: 32-byte hashes packed in chunks, 32 bytes a node instead of a Buffer object each. */
class HashColumn {
  private readonly chunks: Buffer[] = [];
  length = 0;

  push(hash: Buffer): void {
    this.room();
    hash.copy(this.chunks[this.chunks.length - 1], (this.length % CHUNK_NODES) * HASH_BYTES, 0, HASH_BYTES);
    this.length += 1;
  }

  /** Appends hashes packed one after another (32 bytes each), as `toBuffer` gives them. */
  pushAll(hashes: Buffer): void {
    if (hashes.length % HASH_BYTES !== 0) throw new RangeError(`packed hashes must be a multiple of ${HASH_BYTES} bytes`);
    for (let offset = 0; offset < hashes.length; ) {
      const chunk = this.room();
      const slot = this.length % CHUNK_NODES;
      const copied = hashes.copy(chunk, slot * HASH_BYTES, offset, Math.min(hashes.length, offset + chunk.length - slot * HASH_BYTES));
      this.length += copied / HASH_BYTES;
      offset += copied;
    }
  }

  /** The whole column as one packed buffer of its own (not pooled, so it can be transferred). */
  toBuffer(): Buffer {
    const packed = Buffer.alloc(this.length * HASH_BYTES);
    let offset = 0;
    for (const chunk of this.chunks) offset += chunk.copy(packed, offset, 0, Math.min(chunk.length, packed.length - offset));
    return packed;
  }

  /** The chunk the next node goes into, with room for at least one more. */
  private room(): Buffer {
    const slot = this.length % CHUNK_NODES;
    const last = this.chunks.length - 1;
    if (slot === 0) {
      this.chunks.push(Buffer.allocUnsafe((this.length === 0 ? FIRST_CHUNK_NODES : CHUNK_NODES) * HASH_BYTES));
    } else if (slot * HASH_BYTES === this.chunks[last].length) {
      // Small trees (tests, short logs) start small and double, up to a full chunk.
      const grown = Buffer.allocUnsafe(Math.min(slot * 2, CHUNK_NODES) * HASH_BYTES);
      this.chunks[last].copy(grown);
      this.chunks[last] = grown;
    }
    return this.chunks[this.chunks.length - 1];
  }

  /** A view into the column, not a copy: never hand it out. */
  at(index: number): Buffer {
    const chunk = this.chunks[Math.floor(index / CHUNK_NODES)];
    const offset = (index % CHUNK_NODES) * HASH_BYTES;
    return chunk.subarray(offset, offset + HASH_BYTES);
  }
}

/**
 * The whole tree in memory (64 bytes per leaf): level h holds every complete subtree of 2^h
 * leaves, so any tree head or proof for any earlier size costs O(log² n) hashes, never O(n).
 */
export class MerkleTree {
  private readonly levels: HashColumn[] = [new HashColumn()];

  static fromLeaves(leaves: Iterable<Buffer>): MerkleTree {
    const tree = new MerkleTree();
    for (const leaf of leaves) tree.append(leaf);
    return tree;
  }

  get size(): number {
    return this.levels[0].length;
  }

  append(leafData: Buffer): void {
    this.pushNode(0, leafHash(leafData));
  }

  /** Appends a 32-byte leaf given as hex (an event hash as the journal holds it), with no Buffer made for it. */
  appendHashHex(hashHex: string): void {
    if (hashHex.length !== HASH_BYTES * 2 || leafInput.write(hashHex, 1, 'hex') !== HASH_BYTES) {
      throw new RangeError('a leaf given as hex must be a 32-byte hash');
    }
    this.pushNode(0, sha256(leafInput));
  }

  /**
   * The tree's levels, each packed into one buffer: what a tree built over a range of the log
   * elsewhere (a worker thread) hands over for `appendTree`.
   */
  levelsData(): Buffer[] {
    return this.levels.map((column) => column.toBuffer());
  }

  /**
   * Appends the leaves of another tree, given as its `levelsData()`, as if each had been appended
   * here. Its nodes are taken over rather than hashed again, which needs this tree's size to be a
   * multiple of the width of the other's top level: each of its subtrees then lies where it
   * would have been built here. Only the top level's nodes can complete pairs above it.
   */
  appendTree(levels: readonly Buffer[]): void {
    if (levels.length === 0) return;
    const top = levels.length - 1;
    if (this.size % 2 ** top !== 0) {
      throw new RangeError(`a tree of ${this.size} leaves cannot take subtrees ${2 ** top} leaves wide`);
    }
    for (let level = 0; level < top; level++) {
      if (level === this.levels.length) this.levels.push(new HashColumn());
      this.levels[level].pushAll(levels[level]);
    }
    for (let offset = 0; offset < levels[top].length; offset += HASH_BYTES) {
      this.pushNode(top, levels[top].subarray(offset, offset + HASH_BYTES));
    }
  }

  /** Every time a level gains its (2i+2)th node, the pair completes node i on the level above. */
  private pushNode(level: number, hash: Buffer): void {
    if (level === this.levels.length) this.levels.push(new HashColumn());
    this.levels[level].push(hash);
    for (; this.levels[level].length % 2 === 0; level++) {
      const column = this.levels[level];
      hash = nodeHash(column.at(column.length - 2), hash);
      if (level + 1 === this.levels.length) this.levels.push(new HashColumn());
      this.levels[level + 1].push(hash);
    }
  }

  /** The tree head of the first `size` leaves. */
  root(size: number = this.size): Buffer {
    this.assertSize(size);
    return this.subtreeHash(0, size);
  }

  /** RFC 9162 §2.1.3.1 PATH(index, D[0:size]), leaf end first. */
  inclusionProof(index: number, size: number = this.size): Buffer[] {
    this.assertSize(size);
    if (!isSize(index) || index >= size) throw new RangeError(`leaf index ${index} is outside a tree of ${size}`);
    const path: Buffer[] = [];
    let start = 0;
    let end = size;
    while (end - start > 1) {
      const k = largestPowerOfTwoBelow(end - start);
      if (index < start + k) {
        path.push(this.subtreeHash(start + k, end));
        end = start + k;
      } else {
        path.push(this.subtreeHash(start, start + k));
        start += k;
      }
    }
    return path.reverse();
  }

  /**
   * RFC 9162 §2.1.4.1 PROOF(oldSize, D[0:newSize]), computed top down and reversed. Empty when
   * the sizes are equal or oldSize is 0: the RFC leaves that case undefined, verifiers accept [].
   */
  consistencyProof(oldSize: number, newSize: number = this.size): Buffer[] {
    this.assertSize(newSize);
    if (!isSize(oldSize) || oldSize > newSize) throw new RangeError(`old size ${oldSize} exceeds new size ${newSize}`);
    if (oldSize === 0 || oldSize === newSize) return [];
    const proof: Buffer[] = [];
    let start = 0;
    let end = newSize;
    let m = oldSize; // how many of the current subtree's leaves the old tree holds
    let oldRootIsKnown = true; // SUBPROOF's b: the old tree head is a node the verifier already holds
    while (m !== end - start) {
      const k = largestPowerOfTwoBelow(end - start);
      if (m <= k) {
        proof.push(this.subtreeHash(start + k, end));
        end = start + k;
      } else {
        proof.push(this.subtreeHash(start, start + k));
        start += k;
        m -= k;
        oldRootIsKnown = false;
      }
    }
    if (!oldRootIsKnown) proof.push(this.subtreeHash(start, end));
    return proof.reverse();
  }

  /**
   * MTH(D[start:end]) for a range the RFC recursion visits (start is a multiple of the largest
   * power of two below end - start): its complete subtrees are the set bits of end - start.
   */
  private subtreeHash(start: number, end: number): Buffer {
    const subtrees: Buffer[] = [];
    let position = start;
    for (let level = this.levels.length - 1; level >= 0; level--) {
      const width = 2 ** level;
      if (position + width > end) continue;
      if (position % width !== 0) throw new Error(`subtree [${start}, ${end}) is not aligned`);
      subtrees.push(this.levels[level].at(position / width));
      position += width;
    }
    return foldRight(subtrees);
  }

  private assertSize(size: number): void {
    if (!isSize(size) || size > this.size) throw new RangeError(`tree size ${size} is outside 0..${this.size}`);
  }
}

/**
 * RFC 9162 §2.1.4.2: does the tree of `newSize` leaves with head `newRoot` extend the tree of
 * `oldSize` leaves with head `oldRoot`? Needs nothing but the proof; any malformed input is false.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  // An empty tree has exactly one head, so we hold oldRoot to it where other verifiers ignore it.
  if (oldSize === 0) return proof.length === 0 && oldRoot.equals(EMPTY_ROOT) && (newSize > 0 || newRoot.equals(EMPTY_ROOT));
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  if (proof.length === 0) return false;
  return consistencyPathHolds(oldSize, newSize, oldRoot, newRoot, isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof);
}

/** For n > 0. */
function isPowerOfTwo(n: number): boolean {
  return n === 1 || largestPowerOfTwoBelow(n) * 2 === n;
}

/** Steps 2–6 of RFC 9162 §2.1.4.2, for 0 < oldSize < newSize. */
function consistencyPathHolds(
  oldSize: number,
  newSize: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  path: readonly Buffer[],
): boolean {
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

/**
 * RFC 9162 §2.1.3.2: is `leafData` (an event hash, hashed here as a leaf) the leaf at `index` of
 * the tree of `treeSize` leaves with head `root`? Any malformed input is false.
 */
export function verifyInclusion(
  index: number,
  treeSize: number,
  leafData: Buffer,
  root: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
  if (!Buffer.isBuffer(leafData) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash(leafData);
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && r.equals(root);
}
