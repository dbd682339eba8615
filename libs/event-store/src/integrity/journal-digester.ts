// Follows the journal and keeps its current Merkle tree head: what the API gives out as the
// signed digest, and what it keeps as checkpoints as the log grows.
import type { KeyObject } from 'node:crypto';
import type { EventStore, Position } from '../event-store.port';
import { MerkleFrontier } from './merkle';
import { signDigest, type SignedDigest } from './signed-digest';

export interface JournalDigesterOptions {
  /** Ed25519 private key from configuration; digests are unsigned without one. */
  readonly signingKey?: KeyObject;
  /** Keep a digest checkpoint in the store each time the log has grown by this many events. */
  readonly keepEvery?: number;
}

/** A tree head the keeper has yet to keep: one per multiple of `keepEvery` the log passed. */
interface DueDigest {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly headPosition: Position;
}

export class JournalDigester {
  private readonly frontier = new MerkleFrontier();
  private headPosition: Position | undefined;
  /** The newest digest the store holds (0: none), read once at the first read. */
  private lastKeptSize: number | undefined;
  private readonly due: DueDigest[] = [];
  private catchingUp: Promise<void> = Promise.resolve();
  private keeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly options: JournalDigesterOptions = {},
  ) {
    // Read the log as it stands before this process appends to it: what was there before is not
    // this keeper's to vouch for (see readNewEntries). A failed read is read again at the next call.
    if (options.keepEvery) this.catchUp().catch(() => undefined);
  }

  /** The key digests are signed with; verify holds every kept digest to it. */
  get signingKey(): KeyObject | undefined {
    return this.options.signingKey;
  }

  /** The interval of the series it keeps (GELDSTROOM_DIGEST_EVERY); none without it. */
  get keepEvery(): number | undefined {
    return this.options.keepEvery;
  }

  /** The tree size read so far: every digest due up to it is kept once keepIfDue returns. */
  get size(): number {
    return this.frontier.size;
  }

  /** The signed tree head over the whole log as it stands now. */
  async current(): Promise<SignedDigest> {
    await this.catchUp();
    return signDigest(
      {
        treeSize: this.frontier.size,
        rootHash: this.frontier.root().toString('hex'),
        ...(this.headPosition !== undefined ? { headPosition: this.headPosition } : {}),
        issuedAt: new Date().toISOString(),
      },
      this.options.signingKey,
    );
  }

  /**
   * Keeps the current tree head in the store, so a later truncation or rewrite is caught; signed
   * when there is a key, so that one who can write the store's file cannot keep a digest of their own.
   */
  async keep(): Promise<SignedDigest> {
    const digest = await this.current();
    if (digest.treeSize > 0) await this.keepSigned(digest);
    return digest;
  }

  /**
   * Keeps the digest at each multiple of `keepEvery` the log has passed since the last one kept:
   * the regular series verify requires (digest-series.ts), whoever appended and however fast.
   */
  async keepIfDue(): Promise<void> {
    if (!this.options.keepEvery) return;
    await this.catchUp();
    // One keeper at a time: a timer and a verify may both ask.
    this.keeping = this.keeping.catch(() => undefined).then(() => this.keepDue());
    return this.keeping;
  }

  /**
   * Reads what was appended since the last read. Calls queue behind each other, so each
   * one sees at least every append acknowledged before it was made.
   */
  catchUp(): Promise<void> {
    // A failed read must not poison every later one: each call starts afresh.
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.readNewEntries());
    return this.catchingUp;
  }

  private async keepDue(): Promise<void> {
    while (this.due.length > 0) {
      const { treeSize, rootHash, headPosition } = this.due[0];
      await this.keepSigned(signDigest({ treeSize, rootHash, headPosition, issuedAt: new Date().toISOString() }, this.options.signingKey));
      this.due.shift();
    }
  }

  private async keepSigned(digest: SignedDigest): Promise<void> {
    const { treeSize, rootHash, headPosition, issuedAt, signature } = digest;
    await this.store.keepDigest({
      treeSize,
      rootHash,
      keptAt: issuedAt,
      ...(headPosition !== undefined ? { headPosition } : {}),
      ...(signature ? { signature } : {}),
    });
  }

  private async readNewEntries(): Promise<void> {
    let lastKept = this.lastKeptSize;
    // The log as this process found it: appends may arrive while it is read.
    let foundHead: Position | undefined;
    if (lastKept === undefined) {
      const kept = await this.store.keptDigests();
      lastKept = this.lastKeptSize = kept.reduce((newest, digest) => Math.max(newest, digest.treeSize), 0);
      foundHead = (await this.store.headPosition()) ?? 0;
    }
    const every = this.options.keepEvery;
    const after = this.headPosition;
    let foundSize = this.frontier.size;
    for await (const page of this.store.readLeaves(after === undefined ? {} : { after })) {
      for (const entry of page) {
        this.frontier.append(Buffer.from(entry.hash, 'hex'));
        const size = this.frontier.size;
        if (foundHead !== undefined && entry.position <= foundHead) foundSize = size;
        if (every && size % every === 0 && size > lastKept) {
          this.due.push({ treeSize: size, rootHash: this.frontier.root().toString('hex'), headPosition: entry.position });
        }
      }
      this.headPosition = page[page.length - 1].position;
    }
    if (foundHead !== undefined && every && foundSize - lastKept > every) {
      // More than one interval past the newest kept digest before this process appended anything:
      // the digests there were deleted, or never kept (a crash, an older version). Signing them now
      // would sign whatever the file holds, a rewrite included; verify names the hole instead, and
      // `cli digest --sign-kept` fills it once someone has looked (signKeptDigests).
      const keptAfter = this.due.findIndex((digest) => digest.treeSize > foundSize);
      this.due.splice(0, keptAfter === -1 ? this.due.length : keptAfter);
    }
  }
}
