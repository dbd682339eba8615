// Budget execution (begrotingsuitputting): what a budget was given, how it changed, and per
// allocation line what is planned, committed, paid and still available.
import type { BudgetHeader } from '../folds/headers';
import { money } from '../model/money';
import type { Measure } from '../model/movement';
import type { ScopeRow } from '../engine/scopes';
import { Evidence, eventsMoving } from './evidence';
import { isSpendingKind, sumRows } from './figures';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export interface ExecutionFigures {
  /** Everything awarded or ordered, paid or not. */
  readonly committed: string;
  /** Committed and not yet paid. */
  readonly obligo: string;
  /** Paid, net of reclaims. */
  readonly realised: string;
}

export interface BudgetLineExecution extends ExecutionFigures {
  readonly lineId: string;
  /** Null for a line that spending names but the cut does not see allocated. */
  readonly description: string | null;
  readonly allocated: string;
  /** allocated − committed; negative when the line is overspent. */
  readonly available: string;
  readonly overrun: boolean;
  /** What is committed on the line beyond what was allocated to it (0.00 when nothing is). */
  readonly overrunAmount: string;
}

export interface BudgetExecution extends AnswerCut {
  readonly budgetId: string;
  readonly name: string;
  readonly ownerPartyId: string;
  readonly ownerName: string | null;
  readonly fiscalYear: number;
  readonly taakveld: string;
  /** The inflows (BudgetFunded): own means and outside funders. */
  readonly initial: string;
  /** The begrotingswijzigingen, signed. */
  readonly amendments: string;
  readonly transfersIn: string;
  readonly transfersOut: string;
  /** initial + amendments + transfersIn − transfersOut. */
  readonly current: string;
  readonly lines: readonly BudgetLineExecution[];
  /** Spending charged to the budget without naming a line. */
  readonly withoutLine: ExecutionFigures;
  readonly totals: ExecutionFigures & {
    readonly allocated: string;
    /** current − allocated: not planned on any line. */
    readonly unallocated: string;
    /** current − committed. */
    readonly available: string;
    readonly overrun: boolean;
    /** committed − current when positive, else 0.00. */
    readonly overrunAmount: string;
  };
  readonly evidence?: Record<string, unknown>;
}

export function budgetExecution(reader: LedgerReader, budgetId: string, cut: Cut, explain = false): BudgetExecution | undefined {
  const budget = reader.budget(budgetId, cut);
  if (!budget) return undefined;
  const rows = reader.scopeRows('budget', budgetId, cut);
  const frame = sumRows(rows).measures;
  const current = frame.fundedCents + frame.amendedCents + frame.transferredInCents - frame.transferredOutCents;
  const spending = rows.filter((r) => isSpendingKind(r.group.kind));
  const committed = sumRows(spending).measures;
  return {
    budgetId,
    name: budget.name,
    ownerPartyId: budget.ownerPartyId,
    ownerName: reader.partyName(budget.ownerPartyId, cut),
    fiscalYear: budget.fiscalYear,
    taakveld: budget.taakveld,
    initial: money(frame.fundedCents),
    amendments: money(frame.amendedCents),
    transfersIn: money(frame.transferredInCents),
    transfersOut: money(frame.transferredOutCents),
    current: money(current),
    lines: linesOf(budget, rows),
    withoutLine: executionFigures(spending.filter((r) => r.group.line_id === '')),
    totals: {
      allocated: money(frame.allocatedCents),
      unallocated: money(current - frame.allocatedCents),
      ...executionFigures(spending),
      available: money(current - committed.committedCents),
      overrun: committed.committedCents > current,
      overrunAmount: money(Math.max(committed.committedCents - current, 0)),
    },
    ...answerCut(cut),
    ...(explain ? { evidence: budgetEvidence(reader, budgetId, cut) } : {}),
  };
}

/** Lines in the order they were first allocated, then lines only spending names, by id. */
function linesOf(budget: BudgetHeader, rows: readonly ScopeRow[]): BudgetLineExecution[] {
  const named = [...new Set(rows.map((r) => String(r.group.line_id)).filter((id) => id !== ''))];
  const order = [...Object.keys(budget.lines), ...named.filter((id) => !(id in budget.lines)).sort()];
  return order.map((lineId) => {
    const onLine = rows.filter((r) => r.group.line_id === lineId);
    const allocated = sumRows(onLine).measures.allocatedCents;
    const spent = sumRows(onLine.filter((r) => isSpendingKind(r.group.kind))).measures;
    return {
      lineId,
      description: budget.lines[lineId] ?? null,
      allocated: money(allocated),
      ...executionFigures(onLine.filter((r) => isSpendingKind(r.group.kind))),
      available: money(allocated - spent.committedCents),
      overrun: spent.committedCents > allocated,
      overrunAmount: money(Math.max(spent.committedCents - allocated, 0)),
    };
  });
}

export function executionFigures(rows: readonly ScopeRow[]): ExecutionFigures {
  const { committedCents, realisedCents } = sumRows(rows).measures;
  return { committed: money(committedCents), obligo: money(committedCents - realisedCents), realised: money(realisedCents) };
}

const FIGURES: readonly [string, readonly Measure[]][] = [
  ['initial', ['fundedCents']],
  ['amendments', ['amendedCents']],
  ['transfersIn', ['transferredInCents']],
  ['transfersOut', ['transferredOutCents']],
  ['committed', ['committedCents']],
  ['realised', ['realisedCents']],
];

function budgetEvidence(reader: LedgerReader, budgetId: string, cut: Cut): Record<string, unknown> {
  const evidence = new Evidence(reader, cut);
  evidence.add('budget', reader.visibleFacts(`budget-${budgetId}`, cut).filter((f) => f.type === 'BudgetOpened').map((f) => f.position));
  const movements = reader.movementsAt('budget', budgetId, cut);
  for (const [figure, measures] of FIGURES) evidence.addMoving(figure, movements, measures);
  const spendingMeasures: Measure[] = ['committedCents', 'realisedCents', 'invoicedCents', 'settledCents', 'entities'];
  const byLine = new Map<string, typeof movements>();
  for (const movement of movements) {
    const line = movement.dims.lineId ?? '';
    byLine.set(line, [...(byLine.get(line) ?? []), movement]);
  }
  for (const [line, onLine] of byLine) {
    const figure = line === '' ? 'withoutLine' : `lines.${line}`;
    const spending = onLine.filter((m) => isSpendingKind(m.dims.kind));
    evidence.add(figure, [...eventsMoving(onLine, ['allocatedCents']), ...eventsMoving(spending, spendingMeasures)]);
  }
  return evidence.toJSON();
}
