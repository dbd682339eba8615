// Verifies the journal for the ledger itself and for callers, and keeps the ledger's own verdict,
// which is what /health reports.
//
// Only the ledger's own evidence sets that verdict: its scheduled verify (after start and every
// GELDSTROOM_VERIFY_EVERY_MINUTES), with the digests kept in the store and the checkpoints a caller
// showed that carry the ledger's own signature. Digests a caller brings unsigned are checked for
// that caller only: anyone may make one up, and a made-up one must not turn /health red (or, by
// a verify that leaves out the one that failed, green again).
//
// A verify reads the whole journal, so verifies share their work: at most one scan runs, and every
// request that arrives meanwhile waits for the one next scan, which answers all of them at once,
// each against its own digests. How many may wait is limited; past that a caller gets a 429.
//
// A verify that throws instead of answering (a bug, a file the driver cannot read) counts as a
// failed one: an exception must not leave /health green and the answers unwarned.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  abortedReport,
  JournalDigester,
  judgeScan,
  publicKeyOf,
  scanJournal,
  verifySignedDigest,
  type EventStore,
  type DigestPolicy,
  type JournalScan,
  type SignedDigest,
  type TrustedDigest,
  type VerifyReport,
} from '@geldstroom/event-store';
import type { Configuration } from '../config/configuration';
import { DocumentFiles } from '../documents/document-files';
import { ReadModels } from '../queries/projections.module';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { SharedRun } from '../shared/shared-run';

/** Callers waiting for the next scan at most; more are told to come back (429). */
export const VERIFY_WAITING_MAX = 16;
/** Signed checkpoints remembered at most (the newest are kept: each proves every one before it). */
const CHECKPOINTS_MAX = 64;

/** A scan, and the tree size up to which the ledger's keeper had kept every digest due before it. */
interface OwnScan {
  readonly scan: JournalScan;
  readonly policy?: DigestPolicy;
}

export class VerifyBusyError extends Error {}
export class UntrustedCheckpointError extends Error {}
/** A verify stopped on an error before it was done; `report` is its failed report. */
export class VerifyAbortedError extends Error {
  constructor(
    readonly report: VerifyReport,
    cause: unknown,
  ) {
    super(report.failure?.detail ?? 'verify stopped on an error', { cause });
    this.name = 'VerifyAbortedError';
  }
}

@Injectable()
export class IntegrityMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IntegrityMonitor');
  /** The ledger's own last verdict: the one place /health reads the journal's state from. */
  private own: VerifyReport | undefined;
  /** Checkpoints the ledger signed itself, shown by callers: part of its own evidence from then on. */
  private readonly checkpoints = new Map<number, TrustedDigest>();
  /** The journal's scans: one at a time, and who asks while one runs shares the next. */
  private readonly scans = new SharedRun<OwnScan>(() => this.scanAfterKeeping());
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: ConfigService<Configuration, true>,
    private readonly digester: JournalDigester,
    private readonly readModels: ReadModels,
    private readonly documents: DocumentFiles,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.get('GELDSTROOM_VERIFY_EVERY_MINUTES', { infer: true });
    if (minutes > 0) {
      this.timer = setInterval(() => void this.verifyQuietly(), minutes * 60_000);
      this.timer.unref();
      setImmediate(() => void this.verifyQuietly());
    }
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** The ledger's own last verify, as /health reports it. */
  get lastOwnReport(): VerifyReport | undefined {
    return this.own;
  }

  /**
   * The ledger's own verify: kept digests and its signed checkpoints only, then the read models
   * derived again from the journal, and the files of the documents attached. Sets /health. The
   * read models and documents are verified whether or not the journal held: they are what the
   * answers are read from, and a journal that fails leaves them no less worth checking (against
   * the journal as it now stands; /health says beside them that it failed).
   */
  async verifyOwn(): Promise<VerifyReport> {
    const report = await this.ownVerdict();
    const derived = await Promise.allSettled([this.readModels.verify(), this.documents.verify()]);
    for (const outcome of derived) {
      if (outcome.status === 'rejected') this.logger.warn(`could not verify what is derived from the journal: ${String(outcome.reason)}`);
    }
    return report;
  }

  /**
   * A caller's verify: the journal against the ledger's own evidence and the caller's digests.
   * Digests signed with the ledger's key become checkpoints (and so count for /health); a digest
   * with a signature that is not the ledger's is refused; unsigned ones count for this caller only.
   */
  async verifyFor(digests: readonly SignedDigest[]): Promise<VerifyReport> {
    const { signed, unsigned } = this.sortBySignature(digests);
    if (this.waiting >= VERIFY_WAITING_MAX) throw new VerifyBusyError(`${this.waiting} verifies are waiting already`);
    this.waiting += 1;
    let scan: OwnScan;
    try {
      scan = await this.scans.fromNow();
    } finally {
      this.waiting -= 1;
    }
    if (signed.length > 0) {
      this.remember(signed);
      this.judgeOwn(scan);
    }
    try {
      return judgeScan(scan.scan, {
        signingKey: this.digester.signingKey,
        trustedDigests: [...this.checkpoints.values(), ...unsigned],
        ...(scan.policy ? { policy: scan.policy } : {}),
      });
    } catch (error) {
      // Judged against this caller's digests: it fails for this caller, not for /health.
      throw this.aborted(error, scan.scan.startedMs, false);
    }
  }

  /** The ledger's own verdict, from the next scan; a scan or judgement that threw is a failed one. */
  private async ownVerdict(): Promise<VerifyReport> {
    const startedMs = Date.now();
    try {
      return this.judgeOwn(await this.scans.fromNow());
    } catch (error) {
      if (error instanceof VerifyAbortedError) return error.report;
      // A scan cut short by the store closing at shutdown is no verdict on the journal.
      if (this.stopping) throw error;
      return this.aborted(error, startedMs, true).report;
    }
  }

  /**
   * Keeps every digest due first, so the series verify requires is whole up to what the keeper has
   * read (it keeps every few seconds otherwise); a digest it refused to keep (a hole it found at
   * start) is then named by the scan.
   */
  private async scanAfterKeeping(): Promise<OwnScan> {
    const keepEvery = this.digester.keepEvery;
    let policy: DigestPolicy | undefined;
    try {
      await this.digester.keepIfDue();
      if (keepEvery) policy = { keepEvery, dueThrough: this.digester.size };
    } catch (error) {
      // The keeper could not write: its series is not the store's to judge this time.
      this.logger.warn(`could not keep the digests due before a verify: ${String(error)}`);
    }
    const startedMs = Date.now();
    try {
      return { scan: await scanJournal(this.store), ...(policy ? { policy } : {}) };
    } catch (error) {
      if (this.stopping) throw error;
      // Here, once for every caller sharing this scan: the scan is the ledger's own evidence.
      throw this.aborted(error, startedMs, true);
    }
  }

  private judgeOwn(scan: OwnScan): VerifyReport {
    let report: VerifyReport;
    try {
      report = judgeScan(scan.scan, {
        signingKey: this.digester.signingKey,
        trustedDigests: [...this.checkpoints.values()],
        ...(scan.policy ? { policy: scan.policy } : {}),
      });
    } catch (error) {
      throw this.aborted(error, scan.scan.startedMs, true);
    }
    this.own = report;
    if (!report.ok) this.logger.error(`journal verify failed: ${JSON.stringify(report.failure)}`);
    return report;
  }

  /**
   * A verify that threw, as a failed report: the ledger's own sets /health (and so warns every
   * answer) until a verify holds; a caller's fails for that caller. The log says why.
   */
  private aborted(error: unknown, startedMs: number, own: boolean): VerifyAbortedError {
    const report = abortedReport(startedMs);
    if (own) this.own = report;
    const whose = own ? 'the ledger\'s own journal verify' : 'a caller\'s journal verify';
    this.logger.error(`${whose} stopped on an error and counts as failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return new VerifyAbortedError(report, error);
  }

  private sortBySignature(digests: readonly SignedDigest[]): { signed: TrustedDigest[]; unsigned: TrustedDigest[] } {
    const signed: TrustedDigest[] = [];
    const unsigned: TrustedDigest[] = [];
    const key = this.digester.signingKey;
    digests.forEach((digest, index) => {
      const plain = { treeSize: digest.treeSize, rootHash: digest.rootHash };
      if (!digest.signature) return void unsigned.push(plain);
      const check = key ? verifySignedDigest(digest, publicKeyOf(key)) : { ok: false as const, reason: 'the ledger has no signing key' };
      if (!check.ok) throw new UntrustedCheckpointError(`digest ${index + 1} is signed, but not by this ledger: ${check.reason}`);
      signed.push(plain);
    });
    return { signed, unsigned };
  }

  private remember(checkpoints: readonly TrustedDigest[]): void {
    for (const checkpoint of checkpoints) this.checkpoints.set(checkpoint.treeSize, checkpoint);
    const sizes = [...this.checkpoints.keys()].sort((a, b) => b - a);
    for (const size of sizes.slice(CHECKPOINTS_MAX)) this.checkpoints.delete(size);
  }

  private async verifyQuietly(): Promise<void> {
    try {
      await this.verifyOwn();
    } catch (error) {
      // A scheduled verify cut short by the store closing at shutdown is not a problem.
      if (!this.stopping) this.logger.warn(`could not verify the journal: ${String(error)}`);
    }
  }
}
