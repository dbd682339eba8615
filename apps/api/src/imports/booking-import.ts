// Imports an export of booking lines: each line read, mapped and sent as a ledger command through
// the one command path (RecordCommand: the same deciders, access checks and idempotency as every
// API call), many in flight at once but never two on one stream, so an order is committed before
// its invoice. Streamed: memory holds the lines in flight and the totals, not the file.
import { ProblemException } from '@geldstroom/application/problem/problem';
import type { CommandContext, RecordRequest, RecordResult } from '@geldstroom/application/write/record.command';
import type { BookingMapping } from './booking-mapping';
import { missingColumns, readLine, withheldOf, type RawLine } from './booking-line';
import { LineIdentity, planLine, type KnownBudget, type PlannedLine } from './booking-plan';
import { FileRefusedError, readRows, type InspectedFile, type SourceRow } from './booking-source';
import { ExportTotals, type OrderCharge, type TotalsBySubject } from './export-totals';
import { guardedText, quoted } from './quoted-value';

/**
 * Commands in flight at once: enough for the store's group commit to fill its batches, and for
 * several of them to be on their way at once, so that an embedded store's commit thread writes
 * one while this thread decides the next (at 64, one batch went at a time and the two took turns).
 */
export const IN_FLIGHT_MAX = 256;
/** The refused lines an outcome lists; all of them go to the refused-lines file. */
export const REFUSED_LISTED_MAX = 1_000;

export type Dispatch = (request: RecordRequest) => Promise<RecordResult>;

export interface RefusedLine {
  readonly lineNumber: number;
  readonly reason: string;
  /** The line as the file had it, by column; absent when it could not be read into fields. */
  readonly cells?: RawLine['cells'];
}

export interface ImportRun {
  readonly path: string;
  readonly file: InspectedFile;
  readonly mapping: BookingMapping;
  readonly budgets: ReadonlyMap<string, KnownBudget>;
  /** Who imports: the context of every command. */
  readonly context: Omit<CommandContext, 'sourceReference' | 'sourceLine'>;
  /** The dispatch then decides on a stage that writes nothing (dry-run-streams.ts); the outcome is what the real run's would be. */
  readonly dryRun: boolean;
  readonly dispatch: Dispatch;
  /**
   * Where the ledger holds a booking line an earlier import recorded (by its id), if it does; and
   * what an order recorded earlier is charged to. Read from the read models as they stood when
   * the import started (they hold the journal then).
   */
  readonly recorded?: {
    /** Of these booking lines, those the ledger holds, by id. */
    readonly bookingLines: (bookingLineIds: readonly string[]) => ReadonlyMap<string, RecordedLine>;
    readonly orderCharge: (expenseId: string) => OrderCharge | undefined;
  };
  readonly onProgress?: (linesDone: number) => void;
  readonly onRefused?: (line: RefusedLine) => void | Promise<void>;
  /** Called once with the export's header, before the first line. */
  readonly onHeader?: (headers: readonly string[]) => void;
  /** Stops reading lines when aborted: the lines sent so far finish, the result counts them. */
  readonly signal?: AbortSignal;
}

/** Where the ledger holds a booking line: the stream and the fact's type. */
export interface RecordedLine {
  readonly streamId: string;
  readonly type: string;
}

export interface LineCounts {
  readonly lines: number;
  /** Lines whose commands wrote events now (in a dry run: would write). */
  readonly written: number;
  /** Lines already recorded by an earlier import: nothing written. */
  readonly replayed: number;
  readonly refused: number;
}

export interface ImportResult {
  readonly counts: LineCounts;
  readonly refused: readonly { readonly lineNumber: number; readonly reason: string }[];
  readonly totals: TotalsBySubject;
  /** The journal position of the last event written (0 when none was). */
  readonly lastPosition: number;
}

/**
 * The import stopped after it had written lines (a failure of the store, of the disk): what was
 * written stays written, and the same file again writes only what is missing. Never to be told as
 * "nothing was written".
 */
export class ImportStoppedError extends Error {
  constructor(
    readonly counts: LineCounts,
    readonly reason: unknown,
    what = 'the import stopped',
  ) {
    super(`${what} after ${counts.written} of its lines were written (${counts.replayed} already recorded, ${counts.refused} refused): those stay written, and importing the same file again writes only what is missing`);
  }
}

export async function runImport(run: ImportRun): Promise<ImportResult> {
  const state = new RunState(run);
  const identity = new LineIdentity(run.mapping);
  const rows = readRows(run.path, run.file, run.mapping, (headers) => checkHeader(run, headers));
  try {
    await importRows(run, rows, state, identity);
    await state.drain();
  } catch (error) {
    // Whatever stops the import, the commands already sent finish (or fail) before it says so.
    await state.settle();
    const { counts } = state.result();
    throw counts.written > 0 && !run.dryRun ? new ImportStoppedError(counts, error) : error;
  }
  return state.result();
}

/**
 * Lines are read and planned in groups of this many, and where earlier imports put them is looked
 * up for the group at once: one read of the read models per group, not per line (each read of a
 * file another thread is writing starts from a cold page cache).
 */
const LOOKUP_GROUP = 128;

type Outcome = { readonly refused: RefusedLine } | { readonly plan: PlannedLine; readonly cells: RawLine['cells'] };

async function importRows(run: ImportRun, rows: AsyncIterable<SourceRow>, state: RunState, identity: LineIdentity): Promise<void> {
  let group: Outcome[] = [];
  const flush = async () => {
    const ids = group.flatMap((outcome) => ('plan' in outcome ? [outcome.plan.bookingLineId] : []));
    const before = ids.length > 0 && run.recorded ? run.recorded.bookingLines(ids) : new Map<string, RecordedLine>();
    // In the file's order: refused lines and sent ones are counted as they come.
    for (const outcome of group) {
      if (run.signal?.aborted) return;
      if ('refused' in outcome) await state.refuse(outcome.refused);
      else await state.send(outcome.plan, outcome.cells, before.get(outcome.plan.bookingLineId));
    }
    group = [];
  };
  for await (const row of rows) {
    if (run.signal?.aborted) return;
    group.push(outcomeOf(run, row, identity));
    if (group.length === LOOKUP_GROUP) await flush();
  }
  await flush();
}

function outcomeOf(run: ImportRun, row: SourceRow, identity: LineIdentity): Outcome {
  if ('error' in row) return { refused: { lineNumber: row.lineNumber, reason: `the line cannot be read: ${guardedText(row.error, withheldOf(run.mapping))}` } };
  const reading = readLine(run.mapping, row);
  if (!reading.ok) return { refused: { lineNumber: row.lineNumber, reason: reading.reason, cells: row.cells } };
  const planning = planLine(run.mapping, run.budgets, reading.line, identity.keyOf(reading.line));
  if (!planning.ok) return { refused: { lineNumber: row.lineNumber, reason: planning.reason, cells: row.cells } };
  return { plan: planning.plan, cells: row.cells };
}

function checkHeader(run: ImportRun, headers: readonly string[]): void {
  const missing = missingColumns(run.mapping, headers);
  if (headers.length === 0) throw new FileRefusedError('the file holds no header line');
  if (missing.length > 0) {
    throw new FileRefusedError(`the export has no column ${missing.map((m) => `"${m}"`).join(', ')} that the mapping names; it has ${headers.map((h) => quoted(h)).join(', ')}`);
  }
  run.onHeader?.(headers);
}

class RunState {
  private readonly totals: ExportTotals;
  /**
   * The stream each booking line of this file went to, by its id: the same natural key again is a
   * repeat (counted once), and one for another stream (another order or budget) is refused.
   */
  private readonly linesSent = new Map<string, string>();
  /**
   * Lines sent whose natural key the export's totals do not count yet: the first line of a key the
   * ledger takes (written or replayed) counts, once, whichever came before it and was refused. Holds
   * the lines in flight and the refused ones, not the file.
   */
  private readonly uncounted = new Set<string>();
  private readonly refusedListed: { lineNumber: number; reason: string }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Lines waiting for a command to finish (a race over every command in flight cost a reaction on each, per line). */
  private readonly slotWaiters: (() => void)[] = [];
  /** The last command sent on each stream still in flight: the next on that stream waits for it. */
  private readonly lastOnStream = new Map<string, Promise<void>>();
  private counts = { lines: 0, written: 0, replayed: 0, refused: 0 };
  private lastPosition = 0;
  private failure: unknown;

  constructor(private readonly run: ImportRun) {
    this.totals = new ExportTotals(run.recorded?.orderCharge);
  }

  async refuse(line: RefusedLine): Promise<void> {
    this.counts.refused += 1;
    if (this.refusedListed.length < REFUSED_LISTED_MAX) this.refusedListed.push({ lineNumber: line.lineNumber, reason: line.reason });
    await this.run.onRefused?.(line);
    this.done();
  }

  /** `before`: where an earlier import put this line, if one did. */
  async send(plan: PlannedLine, cells: RawLine['cells'], before: RecordedLine | undefined): Promise<void> {
    if (this.failure) throw this.failure;
    const sentTo = this.linesSent.get(plan.bookingLineId);
    if (sentTo !== undefined && sentTo !== plan.streamId) {
      return this.refuse({ lineNumber: plan.lineNumber, reason: `a line with the same natural key is in this file before, for ${sentTo}: one booking line is one fact`, cells });
    }
    if (sentTo === undefined) {
      this.linesSent.set(plan.bookingLineId, plan.streamId);
      this.uncounted.add(plan.bookingLineId);
    }
    while (this.inFlight.size >= IN_FLIGHT_MAX) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    const previous = this.lastOnStream.get(plan.streamId);
    const task: Promise<void> = (previous ?? Promise.resolve())
      .then(() => this.record(plan, cells, before))
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.inFlight.delete(task);
        if (this.lastOnStream.get(plan.streamId) === task) this.lastOnStream.delete(plan.streamId);
        this.slotWaiters.shift()?.();
      });
    this.inFlight.add(task);
    this.lastOnStream.set(plan.streamId, task);
  }

  async settle(): Promise<void> {
    await Promise.allSettled(this.inFlight);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  result(): ImportResult {
    return { counts: { ...this.counts }, refused: this.refusedListed, totals: this.totals.finish(), lastPosition: this.lastPosition };
  }

  /**
   * A refusal of the ledger's (a 4xx) refuses the line; anything else stops the import. A line
   * repeated in the file is sent again (a replay, or a conflict when its content differs) but
   * counted in the export's totals once: the first of its key the ledger takes (lines of one key
   * are on one stream, so they get here in the file's order).
   */
  private async record(plan: PlannedLine, cells: RawLine['cells'], before: RecordedLine | undefined): Promise<void> {
    if (before && before.streamId !== plan.streamId) {
      const reason = `this line was imported before, onto ${before.streamId} (${before.type}): a line changed since (another order or budget) is corrected there by a reversal, and only then imported again`;
      return this.refuse({ lineNumber: plan.lineNumber, reason, cells });
    }
    let result: RecordResult;
    try {
      result = await this.dispatch(plan, plan.command, plan.idempotencyKey);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // The order was committed by another line (of this export or an earlier one): this line raises it.
      if (!plan.otherwise || !committedByAnotherLine(error)) return this.refuse({ lineNumber: plan.lineNumber, reason: refusalText(plan, error), cells });
      try {
        result = await this.dispatch(plan, plan.otherwise.command, plan.otherwise.idempotencyKey);
      } catch (again) {
        if (!isRefusal(again)) throw again;
        return this.refuse({ lineNumber: plan.lineNumber, reason: refusalText(plan, again), cells });
      }
    }
    if (this.uncounted.delete(plan.bookingLineId)) this.totals.add(plan);
    if (result.replayed) this.counts.replayed += 1;
    else this.counts.written += 1;
    // A dry run's positions are stand-ins: nothing was written.
    if (!this.run.dryRun) this.lastPosition = Math.max(this.lastPosition, result.position);
    this.done();
  }

  private dispatch(plan: PlannedLine, command: PlannedLine['command'], idempotencyKey: string): Promise<RecordResult> {
    return this.run.dispatch({
      streamId: plan.streamId,
      mustExist: plan.mustExist,
      command,
      idempotencyKey,
      // The key is the line's natural key: a line corrected after its fact was reversed can come in no other way.
      anewAfterReversal: true,
      context: { ...this.run.context, sourceReference: plan.sourceReference, sourceLine: { fileSha256: this.run.file.sha256, line: plan.lineNumber } },
    });
  }

  private done(): void {
    this.counts.lines += 1;
    this.run.onProgress?.(this.counts.lines);
  }
}

/** A refusal of the ledger's (a 4xx), not a failure. */
function isRefusal(error: unknown): error is ProblemException {
  return error instanceof ProblemException && error.getStatus() < 500;
}

/** The order's expense exists, opened by another commitment line: its CommitExpense was another's. */
function committedByAnotherLine(error: ProblemException): boolean {
  return error.kind === 'idempotency-conflict' || error.kind === 'already-exists';
}

function refusalText(plan: PlannedLine, error: ProblemException): string {
  if (error.kind === 'not-found' && plan.mustExist) return `the purchase order of this ${plan.role} is not in the ledger (import the order's line first)`;
  // A commitment line whose id is counted already (as the order's opening or a raise): the line changed since.
  if (error.kind === 'idempotency-conflict' || (error.kind === 'already-exists' && plan.role === 'commitment')) {
    return 'this line was already imported with other content (a changed line is corrected by a reversal, not imported again)';
  }
  if (plan.role === 'commitment' && error.extensions.field === 'charge') {
    return "the order's other commitment lines charge another budget, allocation line, programme, payee or kind: an order is one expense, so all its commitment lines charge the same";
  }
  return `${guardedText(error.detail ?? error.kind)} (${error.kind})`;
}
