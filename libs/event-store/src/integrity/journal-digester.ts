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

export class JournalDigester {
  private readonly frontier = new MerkleFrontier();
  private headPosition: Position | undefined;
  private lastKeptSize = 0;
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly options: JournalDigesterOptions = {},
  ) {}

  /** The key digests are signed with; verify holds every kept digest to it. */
  get signingKey(): KeyObject | undefined {
    return this.options.signingKey;
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
    if (digest.treeSize > 0) {
      const { treeSize, rootHash, headPosition, issuedAt, signature } = digest;
      await this.store.keepDigest({
        treeSize,
        rootHash,
        keptAt: issuedAt,
        ...(headPosition !== undefined ? { headPosition } : {}),
        ...(signature ? { signature } : {}),
      });
      this.lastKeptSize = digest.treeSize;
    }
    return digest;
  }

  /** Keeps a checkpoint when the log has grown by `keepEvery` since the last one. */
  async keepIfDue(): Promise<void> {
    const every = this.options.keepEvery;
    if (!every) return;
    await this.catchUp();
    if (this.frontier.size - this.lastKeptSize >= every) await this.keep();
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

  private async readNewEntries(): Promise<void> {
    if (this.lastKeptSize === 0 && this.frontier.size === 0) {
      const kept = await this.store.keptDigests();
      this.lastKeptSize = kept.length > 0 ? kept[kept.length - 1].treeSize : 0;
    }
    const after = this.headPosition;
    for await (const page of this.store.readLeaves(after === undefined ? {} : { after })) {
      for (const entry of page) this.frontier.append(Buffer.from(entry.hash, 'hex'));
      this.headPosition = page[page.length - 1].position;
    }
  }
}
