// /health for operators and load balancers: is the store reachable, was the journal intact
// when last verified, and how far behind the store are this instance's read models.
// 200 when all is well, 503 with the same body when not.
import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { HttpReply } from '../shared/http';
import type { EventStore } from '@geldstroom/event-store';
import { Access } from '../access/access.decorators';
import { DocumentFiles } from '../documents/document-files';
import { ReadModels } from '../queries/projections.module';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { IntegrityMonitor } from './integrity-monitor';

@ApiTags('operations')
@Access('public')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly integrity: IntegrityMonitor,
    private readonly readModels: ReadModels,
    private readonly documents: DocumentFiles,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Store reachable, the result of the last journal verify, the read models\' lag behind the store, and whether every document\'s file matched its hash' })
  async check(@Res({ passthrough: true }) response: HttpReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.storeCheck(),
        () => this.integrityCheck(),
        () => this.readModelsCheck(),
        () => this.documentsCheck(),
        // Only a store whose subscriptions can drop (EventStoreDB) says how they stand.
        ...(this.store.subscriptionStatus ? [() => this.subscriptionCheck()] : []),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async storeCheck() {
    const session = this.indicators.check('store');
    try {
      const head = await this.store.headPosition();
      return session.up({ headPosition: head ?? 0 });
    } catch (error) {
      return session.down({ message: errorMessage(error) });
    }
  }

  private integrityCheck() {
    const session = this.indicators.check('journal');
    const report = this.integrity.lastOwnReport;
    if (!report) return session.up({ verified: false, message: 'not verified yet since start' });
    const summary = { verifiedAt: report.verifiedAt, eventsChecked: report.eventsChecked, digestsChecked: report.digestsChecked };
    // `verified` says whether the journal held: false beside a failure, never true.
    return report.ok ? session.up({ verified: true, ...summary }) : session.down({ verified: false, ...summary, failure: report.failure });
  }

  /** Down when the last check found a document's file missing or altered: the papers behind figures are not all there. */
  private documentsCheck() {
    const session = this.indicators.check('documents');
    const report = this.documents.lastReport;
    if (!report) return session.up({ verified: false, message: 'not verified yet since start' });
    const summary = { verifiedAt: report.verifiedAt, filesChecked: report.filesChecked };
    return report.ok ? session.up({ verified: true, ...summary }) : session.down({ verified: true, ...summary, failures: report.failures });
  }

  /**
   * Down while a dropped subscription waits to reconnect: it resumes by itself, but until then
   * this instance's read models stand still, so a balancer should send queries elsewhere.
   */
  private subscriptionCheck() {
    const session = this.indicators.check('subscription');
    const statuses = this.store.subscriptionStatus?.() ?? [];
    const reconnecting = statuses.find((status) => status.state === 'reconnecting');
    return reconnecting ? session.down({ ...reconnecting }) : session.up({ subscriptions: statuses });
  }

  /**
   * Down when the projector has stopped on an error (queries would fail), or when the last verify
   * found the read models not matching the journal (answers would be wrong). A lag alone is not.
   */
  private async readModelsCheck() {
    const session = this.indicators.check('readModels');
    const failure = this.readModels.projector.lastError;
    const verified = this.readModels.verification;
    const verification = verified
      ? { verifiedAt: verified.verifiedAt, matchesJournal: verified.ok, position: verified.position, ...(verified.ok ? {} : { difference: verified.difference, digest: verified.digest }) }
      : { matchesJournal: null, message: 'not verified yet since start' };
    try {
      const lag = await this.readModels.lag();
      if (failure === undefined && verified?.ok !== false) return session.up({ ...lag, verification });
      return session.down({ ...lag, verification, ...(failure === undefined ? {} : { failure: errorMessage(failure) }) });
    } catch (error) {
      return session.down({ failure: errorMessage(failure ?? error) });
    }
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
