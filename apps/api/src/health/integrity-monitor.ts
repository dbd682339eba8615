// Keeps the last verify result, so /health can say whether the journal was found intact.
// Verifies once soon after start and then on a schedule; an auditor's verify counts too.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { verifyJournal, type EventStore, type KeptDigest, type VerifyReport } from '@geldstroom/event-store';
import type { Configuration } from '../config/configuration';
import { EVENT_STORE } from '../store/store.tokens';

@Injectable()
export class IntegrityMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IntegrityMonitor');
  private last: VerifyReport | undefined;
  private running: Promise<VerifyReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: ConfigService<Configuration, true>,
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

  get lastReport(): VerifyReport | undefined {
    return this.last;
  }

  /** Runs a full verify (one at a time) and keeps its result. */
  async verify(trustedDigests: readonly Pick<KeptDigest, 'treeSize' | 'rootHash'>[] = []): Promise<VerifyReport> {
    if (this.running && trustedDigests.length === 0) return this.running;
    const run = verifyJournal(this.store, { trustedDigests }).then((report) => {
      this.last = report;
      if (!report.ok) this.logger.error(`journal verify failed: ${JSON.stringify(report.failure)}`);
      return report;
    });
    if (trustedDigests.length === 0) {
      this.running = run;
      // Handled here as well as by the caller: a verify cut short (the store closing at
      // shutdown) must not become an unhandled rejection that kills the process.
      const clear = (): void => {
        this.running = undefined;
      };
      run.then(clear, clear);
    }
    return run;
  }

  private async verifyQuietly(): Promise<void> {
    try {
      await this.verify();
    } catch (error) {
      // A scheduled verify cut short by the store closing at shutdown is not a problem.
      if (!this.stopping) this.logger.warn(`could not verify the journal: ${String(error)}`);
    }
  }
}
