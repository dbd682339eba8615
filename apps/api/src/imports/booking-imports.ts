// A booking import from request to report: the mapping read and checked against the ledger, the
// file inspected, the lines imported through the command bus, and the report kept under the
// import's id beside the store, so its reconciliation can be asked for again (against the ledger
// as it is then). The API's endpoint and the command line's `import-bookings` both come here.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { v7 as uuidv7 } from 'uuid';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@geldstroom/event-store';
import { checkText, type BudgetState } from '@geldstroom/ledger';
import type { CutRequest } from '@geldstroom/projections';
import type { Configuration } from '../config/configuration';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { ReadModels, type ReadWait } from '../queries/read-models';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { RecordCommand, RecordCommandHandler, type CommandContext, type RecordResult } from '@geldstroom/application/write/record.command';
import { loadStream } from '@geldstroom/application/write/stream-loader';
import { MappingError, parseMapping, referencesOf, type BookingMapping, type Encoding } from './booking-mapping';
import { ImportStoppedError, runImport, type ImportRun, type LineCounts } from './booking-import';
import type { KnownBudget } from './booking-plan';
import { inspectFile, type InspectedFile } from './booking-source';
import { DryRunStreams } from './dry-run-streams';
import type { TotalsBySubject } from './export-totals';
import { ImportReports, type ImportRunSummary, type KeptImport } from './import-reports';
import { reconcile, type Reconciliation } from './reconciliation';

export interface ImportRequest {
  readonly path: string;
  /** The file's name as the person gave it (the report names it; the hash identifies it). */
  readonly fileName: string;
  readonly mappingText: string;
  readonly dryRun: boolean;
  /** Overrides the mapping's format.encoding. */
  readonly encoding?: Encoding;
  readonly context: Omit<CommandContext, 'sourceReference' | 'sourceLine'>;
  readonly onInspected?: (file: InspectedFile) => void;
  readonly onProgress?: ImportRun['onProgress'];
  readonly onRefused?: ImportRun['onRefused'];
  readonly onHeader?: ImportRun['onHeader'];
  readonly signal?: AbortSignal;
}

export interface ImportReport {
  /** The same file with the same mapping is the same import: importing it again answers under this id. */
  readonly importId: string;
  /** This run of the import: every run's report is kept (a dry run's is not kept at all). */
  readonly runId: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly sizeBytes: number;
  readonly format: InspectedFile['format'];
  readonly encoding: InspectedFile['encoding'];
  readonly mappingSha256: string;
  readonly system: string;
  readonly dryRun: boolean;
  readonly actor: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly counts: LineCounts;
  /** The first refused lines, each with its reason (all of them in the refused-lines file). */
  readonly refused: readonly { readonly lineNumber: number; readonly reason: string }[];
  /** The export's totals, in cents, per budget, allocation line, party and month. */
  readonly totals: TotalsBySubject;
  readonly lastPosition: number;
}

export interface ImportAnswer extends Omit<ImportReport, 'totals'> {
  readonly reconciliation: Reconciliation;
  /** Asked for again (GET): the import's runs, oldest first, the latest RUNS_LISTED_MAX of runsTotal. */
  readonly runs?: readonly ImportRunSummary[];
  readonly runsTotal?: number;
}

@Injectable()
export class BookingImports {
  readonly reports: ImportReports;

  constructor(
    private readonly bus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
    config: ConfigService<Configuration, true>,
  ) {
    this.reports = new ImportReports(config.get('GELDSTROOM_DATA_DIR', { infer: true }));
  }

  /** Imports (or, dry, only reads and maps) a file; a mapping or file that cannot be used writes nothing. */
  async importFile(request: ImportRequest): Promise<ImportReport> {
    refuseFileName(request.fileName);
    const startedAt = new Date().toISOString();
    const mapping = parseMapping(request.mappingText);
    const budgets = await this.checkInLedger(mapping, request.context);
    const file = await inspectFile(request.path, mapping, request.encoding);
    request.onInspected?.(file);
    // The ledger as the import starts, all of it: where earlier imports put each line, and their orders.
    const reader = await this.readModels.current('until-held');
    const cut = reader.resolveCut();
    const result = await runImport({
      path: request.path,
      file,
      mapping,
      budgets,
      context: request.context,
      dryRun: request.dryRun,
      recorded: {
        bookingLines: (bookingLineIds) => reader.bookingLines(bookingLineIds),
        orderCharge: (expenseId) => {
          const unit = reader.unit(`expense-${expenseId}`, cut);
          if (unit.kind !== 'spending' || !unit.state.opened || unit.state.budgetId === null) return undefined;
          const { budgetId, lineId, partyId, amountCents, paidCents, closed } = unit.state;
          return { budgetId, lineId: lineId ?? '', partyId: partyId ?? '', amountCents: closed ? 0 : amountCents, paidCents };
        },
      },
      dispatch: request.dryRun ? dryRunDispatch(this.store) : (record) => this.bus.execute<RecordCommand, RecordResult>(new RecordCommand(record)),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      ...(request.onRefused ? { onRefused: request.onRefused } : {}),
      ...(request.onHeader ? { onHeader: request.onHeader } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const mappingSha256 = sha256(request.mappingText);
    const report: ImportReport = {
      importId: `imp-${sha256(`${file.sha256}:${mappingSha256}`).slice(0, 24)}`,
      runId: `run-${uuidv7()}`,
      fileName: request.fileName,
      fileSha256: file.sha256,
      sizeBytes: file.sizeBytes,
      format: file.format,
      encoding: file.encoding,
      mappingSha256,
      system: mapping.system,
      dryRun: request.dryRun,
      actor: request.context.actor,
      startedAt,
      finishedAt: new Date().toISOString(),
      ...result,
    };
    // A dry run writes nothing, its report included: it is the answer, not a record.
    if (request.dryRun) return report;
    try {
      await this.reports.save(report);
    } catch (error) {
      throw new ImportStoppedError(report.counts, error, "the import's report could not be kept");
    }
    return report;
  }

  /**
   * The report beside the ledger's figures at the cut asked for (now by default). Right after the
   * import itself (`until-held`) it waits for the read models to hold every line, however long.
   */
  async answer(kept: ImportReport | KeptImport, cutRequest: CutRequest = {}, wait: ReadWait = 'bounded'): Promise<ImportAnswer> {
    const reader = await this.readModels.current(wait);
    const { report, ...runs } = 'report' in kept ? kept : { report: kept };
    const { totals, ...rest } = report;
    return { ...rest, reconciliation: reconcile(reader, totals, reader.resolveCut(cutRequest)), ...runs };
  }

  /**
   * Every budget, allocation line, party and programme the mapping names must be in the ledger,
   * and the importer must record for the budgets' owners: otherwise nothing is read at all.
   */
  private async checkInLedger(mapping: BookingMapping, context: ImportRequest['context']): Promise<Map<string, KnownBudget>> {
    const references = referencesOf(mapping);
    const unknown: string[] = [];
    const budgets = new Map<string, KnownBudget>();
    for (const [budgetId, lines] of references.budgets) {
      // Deciders keep an entity's state under `live`, beside the reversals they have seen.
      const budget = ((await loadStream(this.store, `budget-${budgetId}`)).state as { live: BudgetState }).live;
      if (!budget.exists) {
        unknown.push(`budget ${budgetId}`);
        continue;
      }
      budgets.set(budgetId, { ownerPartyId: budget.ownerPartyId! });
      for (const line of lines) if (!budget.lineIds.includes(line)) unknown.push(`allocation line ${line} of budget ${budgetId}`);
    }
    for (const partyId of references.parties) if (!(await this.exists(`party-${partyId}`))) unknown.push(`party ${partyId}`);
    for (const programmeId of references.programmes) if (!(await this.exists(`programme-${programmeId}`))) unknown.push(`programme ${programmeId}`);
    if (unknown.length > 0) throw new MappingError([`the ledger does not know ${unknown.join(', ')}`]);
    const { scope } = context;
    const foreign = scope === 'all' ? [] : [...budgets].filter(([, b]) => !scope.includes(b.ownerPartyId)).map(([id]) => id);
    if (foreign.length > 0) throw new ProblemException('forbidden', `you do not record for the owners of budget ${foreign.join(', ')}`, { budgets: foreign });
    return budgets;
  }

  private async exists(streamId: string): Promise<boolean> {
    return (await loadStream(this.store, streamId)).revision !== undefined;
  }
}

/**
 * The file's name is kept in the report and served with it: text the ledger keeps, held to what
 * every text is held to, as a document's name is (no BSN), before anything is read or written.
 */
function refuseFileName(fileName: string): void {
  const refused = checkText(fileName, 'fileName');
  if (refused) throw new ProblemException(refused.code, `file: ${refused.detail.replace(/^fileName/, "the file's name")}`, { field: 'file' });
}

/** The one command path over a stage that keeps what would be written and writes none of it. */
function dryRunDispatch(store: EventStore): ImportRun['dispatch'] {
  const handler = new RecordCommandHandler(new DryRunStreams(store));
  return (record) => handler.execute(new RecordCommand(record));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
