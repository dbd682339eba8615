// Budget execution (begrotingsuitputting): what a budget was given, how it changed, and per
// allocation line what is planned, committed (obligo), realised and still available.
import { committedCents, foldCommitments, type Commitment } from './commitments';
import { visible } from './cut';
import { Evidence } from './evidence';
import type { Fact } from './facts';
import { money } from './money';
import type { LedgerReader, ResolvedCut } from './reader';

export interface ExecutionFigures {
  /** Obligo: awarded or ordered and not yet paid. */
  readonly committed: string;
  /** Paid, net of reclaims. */
  readonly realised: string;
}

export interface BudgetLineExecution extends ExecutionFigures {
  readonly lineId: string;
  /** Null for a line that spending names but the cut does not see allocated. */
  readonly description: string | null;
  readonly allocated: string;
  /** allocated − committed − realised; negative when the line is overspent. */
  readonly available: string;
}

export interface BudgetExecution {
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
    /** current − committed − realised. */
    readonly available: string;
    readonly overrun: boolean;
    /** committed + realised − current when positive, else 0.00. */
    readonly overrunAmount: string;
  };
  readonly asOf: string | null;
  readonly on: string | null;
  readonly journal: ResolvedCut['journal'];
  readonly evidence?: Record<string, unknown>;
}

interface Frame {
  initial: number;
  amendments: number;
  transfersIn: number;
  transfersOut: number;
  lines: Map<string, { description: string | null; allocated: number; committed: number; realised: number }>;
}

/** How each budget event moves the frame, and under which figure its evidence is listed. */
const FRAME_EVENTS: Record<string, { field: keyof Omit<Frame, 'lines'>; figure: string }> = {
  BudgetFunded: { field: 'initial', figure: 'initial' },
  BudgetAmended: { field: 'amendments', figure: 'amendments' },
  BudgetTransferredIn: { field: 'transfersIn', figure: 'transfersIn' },
  BudgetTransferredOut: { field: 'transfersOut', figure: 'transfersOut' },
};

const COMMITTING = new Set(['GrantAwarded', 'GrantSettled', 'GrantWithdrawn', 'TrajectoriesPurchased', 'PurchaseCancelled']);
const PAYING = new Set(['GrantAdvancePaid', 'GrantReclaimed', 'PurchasePaid']);

export function budgetExecution(reader: LedgerReader, budgetId: string, cut: ResolvedCut, explain = false): BudgetExecution | undefined {
  const facts = visible(reader.factsOfBudgets([budgetId]), cut);
  const opened = facts.find((f) => f.type === 'BudgetOpened' && f.streamId === `budget-${budgetId}`);
  if (!opened) return undefined;
  const evidence = new Evidence();
  evidence.add('budget', opened);

  const frame = foldFrame(facts, evidence);
  const lineOf = linesOfSpending(facts);
  const spendingFacts = new Map<string, Fact[]>();
  const commitments = foldCommitments(facts, ({ fact }) => {
    if (!COMMITTING.has(fact.type) && !PAYING.has(fact.type)) return;
    spendingFacts.set(fact.streamId, [...(spendingFacts.get(fact.streamId) ?? []), fact]);
    evidence.add(COMMITTING.has(fact.type) ? 'committed' : 'realised', fact);
  });

  const withoutLine = { committed: 0, realised: 0 };
  for (const commitment of commitments.values()) {
    const lineId = lineOf.get(commitment.streamId);
    const target = lineId === undefined ? withoutLine : line(frame, lineId);
    target.committed += obligoCents(commitment);
    target.realised += commitment.paidCents;
    evidence.add(lineId === undefined ? 'withoutLine' : `lines.${lineId}`, ...(spendingFacts.get(commitment.streamId) ?? []));
  }

  const d = opened.data;
  const ownerPartyId = String(d.ownerPartyId);
  return {
    budgetId,
    name: String(d.name),
    ownerPartyId,
    ownerName: reader.partyName(ownerPartyId) ?? null,
    fiscalYear: Number(d.fiscalYear),
    taakveld: String(d.taakveld),
    initial: money(frame.initial),
    amendments: money(frame.amendments),
    transfersIn: money(frame.transfersIn),
    transfersOut: money(frame.transfersOut),
    current: money(currentCents(frame)),
    lines: [...frame.lines].map(([lineId, l]) => ({
      lineId,
      description: l.description,
      allocated: money(l.allocated),
      committed: money(l.committed),
      realised: money(l.realised),
      available: money(l.allocated - l.committed - l.realised),
    })),
    withoutLine: { committed: money(withoutLine.committed), realised: money(withoutLine.realised) },
    totals: totals(frame, commitments.values()),
    asOf: cut.asOf,
    on: cut.on ?? null,
    journal: cut.journal,
    ...(explain ? { evidence: evidence.toJSON() } : {}),
  };
}

/** The budget's own events: inflows, amendments, transfers and the allocation lines. */
function foldFrame(facts: readonly Fact[], evidence: Evidence): Frame {
  const frame: Frame = { initial: 0, amendments: 0, transfersIn: 0, transfersOut: 0, lines: new Map() };
  for (const fact of facts) {
    const moves = FRAME_EVENTS[fact.type];
    if (moves) {
      frame[moves.field] += Number(fact.data.amountCents);
      evidence.add(moves.figure, fact);
    } else if (fact.type === 'BudgetAllocated') {
      const target = line(frame, String(fact.data.lineId));
      target.description = String(fact.data.description);
      target.allocated += Number(fact.data.amountCents);
      evidence.add(`lines.${String(fact.data.lineId)}`, fact);
    }
  }
  return frame;
}

/** The line each grant or purchase is charged to: its award or order names it, and every event after repeats it. */
function linesOfSpending(facts: readonly Fact[]): Map<string, string> {
  const lines = new Map<string, string>();
  for (const fact of facts) {
    const lineId = fact.data.budgetLineId;
    if (typeof lineId === 'string' && !lines.has(fact.streamId)) lines.set(fact.streamId, lineId);
  }
  return lines;
}

function line(frame: Frame, lineId: string) {
  let figures = frame.lines.get(lineId);
  if (!figures) {
    figures = { description: null, allocated: 0, committed: 0, realised: 0 };
    frame.lines.set(lineId, figures);
  }
  return figures;
}

/** What is committed and not yet paid; with what was paid it makes the whole commitment. */
function obligoCents(commitment: Commitment): number {
  return committedCents(commitment) - commitment.paidCents;
}

function currentCents(frame: Frame): number {
  return frame.initial + frame.amendments + frame.transfersIn - frame.transfersOut;
}

function totals(frame: Frame, commitments: Iterable<Commitment>): BudgetExecution['totals'] {
  let committed = 0;
  let realised = 0;
  for (const commitment of commitments) {
    committed += obligoCents(commitment);
    realised += commitment.paidCents;
  }
  const current = currentCents(frame);
  const allocated = [...frame.lines.values()].reduce((sum, l) => sum + l.allocated, 0);
  const overrun = committed + realised - current;
  return {
    allocated: money(allocated),
    unallocated: money(current - allocated),
    committed: money(committed),
    realised: money(realised),
    available: money(current - committed - realised),
    overrun: overrun > 0,
    overrunAmount: money(Math.max(overrun, 0)),
  };
}
