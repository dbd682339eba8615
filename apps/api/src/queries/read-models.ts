// The read models of this API instance: their own SQLite file beside the store (or in the data
// folder on EventStoreDB), fed by the subscription from the moment the API starts, and verified
// against the journal with the ledger's own verify.
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EventStore, Position } from '@geldstroom/event-store';
import {
  LedgerReader,
  findingRuleFiles,
  loadFindingRules,
  loadReportRules,
  type Iv3Catalogue,
  Projector,
  ReadStore,
  verifyReadModels,
  type FindingRules,
  type ReportRules,
  type ReadModelsReport,
} from '@geldstroom/projections';
import type { Configuration } from '../config/configuration';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { SharedRun } from '../shared/shared-run';

/** On a store whose positions are not dense the lag is counted, up to this many events. */
const LAG_COUNT_MAX = 10_000;
/** What a question refused for read models still behind is told to wait before it asks again. */
const READ_RETRY_AFTER_SECONDS = 2;

/**
 * How long to wait for the read models to hold every earlier write: a question, at most
 * GELDSTROOM_READ_WAIT_MS; work that needs them whole after its own large write (an import's
 * reconciliation, the first start's guide, a background check), until they do.
 */
export type ReadWait = 'bounded' | 'until-held';

export interface ProjectionLag {
  /** Position of the last event the read models hold (0: none yet). */
  readonly checkpoint: Position;
  readonly headPosition: Position;
  /** Events in the store the read models do not hold yet. */
  readonly lagEvents: number;
  /** True when the count stopped at LAG_COUNT_MAX: the lag is at least lagEvents. */
  readonly lagCountCapped: boolean;
}

@Injectable()
export class ReadModels implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly readStore: ReadStore;
  readonly projector: Projector;
  readonly reader: LedgerReader;
  /** Procurement thresholds and the taakveld catalogue as dated data; read once at start: a bad file stops the API. */
  readonly rules: FindingRules;
  /** The reporting rules (Iv3, rechtmatigheid, SiSa) the reports are computed with. */
  readonly reportRules: ReportRules;
  /** The taakveld catalogue by year, for the names beside the codes. */
  get taakvelden(): Iv3Catalogue {
    return this.rules.taakvelden;
  }
  private readonly logger = new Logger('ReadModels');
  private readonly readWaitMs: number;
  private lastVerify: ReadModelsReport | undefined;
  private readonly verifies = new SharedRun(() => this.verifyOnce());
  /** Stops a verify still running when the application shuts down: its worker writes beside the read models. */
  private readonly shutdown = new AbortController();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, config: ConfigService<Configuration, true>) {
    const rulesDir = config.get('GELDSTROOM_REPORTING_RULES_DIR', { infer: true });
    this.rules = loadFindingRules(findingRuleFiles(config.get('GELDSTROOM_THRESHOLDS_FILE', { infer: true }), rulesDir));
    this.reportRules = loadReportRules(rulesDir);
    this.readStore = ReadStore.open(join(config.get('GELDSTROOM_DATA_DIR', { infer: true }), 'projections.sqlite'));
    this.projector = new Projector(store, this.readStore, { rules: this.rules });
    this.readWaitMs = config.get('GELDSTROOM_READ_WAIT_MS', { infer: true });
    this.reader = new LedgerReader(this.readStore);
  }

  onApplicationBootstrap(): void {
    this.projector.start();
  }

  /**
   * Read-your-writes: the answer includes every event acknowledged before the question. A question
   * waits for that at most GELDSTROOM_READ_WAIT_MS; read models further behind (after an import)
   * refuse it with a 503 and Retry-After, naming both positions, rather than hold it for minutes.
   */
  async current(wait: ReadWait = 'bounded'): Promise<LedgerReader> {
    const head = await this.store.headPosition();
    const caughtUp = this.projector.catchUpTo(head);
    // Held already (the usual case), or to wait for however long: no timer to race.
    if (wait === 'until-held' || this.projector.checkpoint >= (head ?? 0)) {
      await caughtUp;
      return this.reader;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.readWaitMs)));
    try {
      if ((await Promise.race([caughtUp, late])) !== 'late') return this.reader;
    } finally {
      clearTimeout(timer);
    }
    caughtUp.catch(() => undefined);
    const checkpoint = this.projector.checkpoint;
    throw new ProblemException(
      'read-models-behind',
      `The read models hold the journal up to position ${checkpoint}; this question must include position ${head}. ` +
        'They take in a large write (an import) at their own pace: ask again shortly.',
      { readModelsPosition: checkpoint, journalPosition: head ?? 0 },
      { 'Retry-After': String(READ_RETRY_AFTER_SECONDS) },
    );
  }

  /**
   * Re-derives the read models from the journal in a worker thread and compares them with these,
   * at the position they hold when it starts: one at a time, and who asks while one runs shares
   * the next. Undefined for a store in memory.
   */
  verify(): Promise<ReadModelsReport | undefined> {
    return this.verifies.fromNow();
  }

  private async verifyOnce(): Promise<ReadModelsReport | undefined> {
    const address = this.store.address;
    if (!address) return undefined;
    const report = await verifyReadModels({ address, livePath: this.readStore.path, rules: this.rules }, undefined, this.shutdown.signal);
    this.lastVerify = report;
    if (!report.ok) this.logger.error({ difference: report.difference, digest: report.digest }, 'the read models do not match the journal');
    return report;
  }

  /** The last verify of the read models against the journal, if one ran since start. */
  get verification(): ReadModelsReport | undefined {
    return this.lastVerify;
  }

  /** How far the read models are behind the store, for /health. */
  async lag(): Promise<ProjectionLag> {
    const checkpoint = this.projector.checkpoint;
    const headPosition = (await this.store.headPosition()) ?? 0;
    if (this.store.densePositions) {
      return { checkpoint, headPosition, lagEvents: Math.max(0, headPosition - checkpoint), lagCountCapped: false };
    }
    // EventStoreDB positions are byte offsets in its log: count the events instead.
    let lagEvents = 0;
    for await (const _event of this.store.readAll({ ...(checkpoint > 0 ? { after: checkpoint } : {}), maxCount: LAG_COUNT_MAX })) lagEvents += 1;
    return { checkpoint, headPosition, lagEvents, lagCountCapped: lagEvents === LAG_COUNT_MAX };
  }

  /** Runs after the HTTP server has closed, and before the store closes. */
  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await this.verifies.idle();
    await this.projector.stop();
    this.readStore.close();
    this.logger.log({ checkpoint: this.projector.checkpoint }, 'read models stopped');
  }
}

