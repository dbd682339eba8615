// The amount of the afwijking a finding stands for. Derived findings carry it in their figures (an
// overrun, an excess, a total). A flag is stored on the event that went past a limit, with that
// event's own amount; the afwijking is only what went past: the entity's excess as the cut sees
// it, spread over its flagged events from the latest back (the money paid last is the money paid
// beyond), each taking at most its own amount, so the flags of one entity add up to its excess.
import type { Flag } from '@geldstroom/ledger';
import { parseMoney } from '@geldstroom/ledger';
import type { Finding } from '../findings/finding';
import type { LedgerFact } from '../model/ledger-fact';
import type { Cut, LedgerReader } from '../queries/reader';
import { sumRows } from '../queries/figures';
import { coveredTerm, netByEntity, within } from '../findings/derive';
import { committedByBudget, committedUnderContract, contractRows, contractSteps, type ChargedStep } from './finding-context';
import { figuresOf, FLAG_EXCESS, flagParts, type EntityFigures, type FlagPart } from '../findings/excess';

/** The afwijking in cents; null where the finding is no amount of money (or none is known). */
export function afwijkingCents(reader: LedgerReader, finding: Finding, all: readonly Finding[], cut: Cut): number | null {
  const detail = finding.detail;
  switch (finding.kind) {
    case 'budget-overrun':
      return centsOf(detail.overrun);
    case 'call-off-above-ceiling':
      return centsOf(detail.excess);
    case 'call-off-outside-term':
      return centsOf(detail.calledOffOutside);
    case 'procedure-too-light':
      return committedUnderContract(reader, finding.entity.id, cut);
    case 'split-purchase':
      return centsOf(detail.total);
    // Derived from the expense as it stands: the excess over its commitment is in the finding.
    case 'invoiced-above-committed':
    case 'paid-above-committed':
      return centsOf(detail.excess);
    case 'transferred-above-budget':
    case 'spending-after-programme-end':
    case 'payment-without-commitment':
      return centsOf(detail.amount);
    default:
      return FLAG_EXCESS[finding.kind as Flag] ? flagPart(reader, finding, cut).cents : null;
  }
}

/** Euros of one entity's money, from (exclusive) to (inclusive), in cents. */
export interface Span {
  readonly fromCents: number;
  readonly toCents: number;
}

/** The level of an entity's money each excess runs up to: its afwijking is the euros below that level and above its limit. */
const EXCESS_TOP: Partial<Record<Flag, (f: EntityFigures) => number>> = {
  'paid-above-granted': (f) => f.paidCents,
  'paid-above-settled': (f) => f.paidCents,
  'settled-above-granted': (f) => f.settledCents ?? f.grantedCents,
  'invoiced-above-total': (f) => f.invoicedCents,
  'paid-above-invoiced': (f) => f.paidCents,
  'paid-above-total': (f) => f.paidCents,
  'invoiced-above-committed': (f) => f.invoicedCents,
  'paid-above-committed': (f) => f.paidCents,
};

const PAYMENTS: ReadonlySet<string> = new Set(['GrantAdvancePaid', 'PurchasePaid', 'ExpensePaid']);

/**
 * Where in its entity's money a grant's, purchase's or expense's afwijking lies, so that two about
 * the same euros count them once: an excess is the top of what was paid, invoiced or settled above
 * its limit (a payment above the order is also above what was invoiced: the same euros); a flag
 * takes its part of it from the top down, as its amount does; an event's own finding (ordered or
 * paid after a programme's end, paid before any commitment) is that event's euros, after those of
 * the entity's earlier events of its kind (committing or paying), in business order.
 */
export function afwijkingSpan(reader: LedgerReader, finding: Finding, all: readonly Finding[], cut: Cut): Span | undefined {
  const top = EXCESS_TOP[finding.kind as Flag];
  if (top) {
    const toCents = top(entityFigures(reader, finding, cut));
    const part = FLAG_EXCESS[finding.kind as Flag] ? flagPart(reader, finding, cut) : { cents: Math.max(centsOf(finding.detail.excess) ?? 0, 0), aboveCents: 0 };
    return { fromCents: toCents - part.aboveCents - part.cents, toCents: toCents - part.aboveCents };
  }
  if (finding.kind !== 'spending-after-programme-end' && finding.kind !== 'payment-without-commitment') return undefined;
  // Such a finding is known by its event's id (derived.ts); the events it names include what it rests on.
  const eventId = finding.id.slice(finding.kind.length + 1);
  const facts = reader.visibleFacts(finding.entity.streamId, cut);
  const at = facts.findIndex((fact) => fact.eventId === eventId);
  if (at < 0) return undefined;
  const paying = PAYMENTS.has(facts[at].type);
  const fromCents = facts.slice(0, at).reduce((sum, fact) => (PAYMENTS.has(fact.type) === paying ? sum + eventCents(fact) : sum), 0);
  return { fromCents, toCents: fromCents + (centsOf(finding.detail.amount) ?? eventCents(facts[at])) };
}

function eventCents(fact: LedgerFact): number {
  const data = fact.data as { amountCents?: number; totalCents?: number };
  return data.totalCents ?? data.amountCents ?? 0;
}

/**
 * The afwijking of a finding whose money was charged to several budgets (a contract's: its
 * call-offs were charged wherever they were), split by budget in cents, so that a register of one
 * party and year counts only what its own budgets of that year were charged; undefined for a
 * finding whose money is one entity's or one budget's. A procedure too light is all that was
 * committed under the contract, where it was; call-offs outside the term, their own budgets; what
 * went past the ceiling, the call-offs within the term from the latest back, each with what it
 * still commits, in its own budget (the money called off last is the money called off beyond: the
 * orders the finding names as offending).
 */
export function afwijkingByBudget(reader: LedgerReader, finding: Finding, all: readonly Finding[], cut: Cut): Map<string, number> | undefined {
  const contractId = finding.entity.category === 'contract' ? finding.entity.id : undefined;
  if (contractId === undefined) return undefined;
  switch (finding.kind) {
    case 'procedure-too-light':
      // A budget whose call-offs were all cancelled holds none of the contract's money: not a year of this finding.
      return new Map([...committedByBudget(reader, contractId, cut)].filter(([, cents]) => cents > 0));
    case 'call-off-outside-term':
      return outsideByBudget(finding);
    case 'call-off-above-ceiling':
      return excessByBudget(reader, contractId, centsOf(finding.detail.excess) ?? 0, cut);
    default:
      return undefined;
  }
}

/**
 * A contract's excess over its ceiling by budget: taken from its call-offs within the term from the
 * latest back (business order), each up to what it still commits (netByEntity: an order reduced or
 * cancelled since counts what is left), in the budget the order was charged to.
 */
function excessByBudget(reader: LedgerReader, contractId: string, excessCents: number, cut: Cut): Map<string, number> {
  const split = new Map<string, number>();
  const contract = reader.unit(`contract-${contractId}`, cut, true);
  if (contract.kind !== 'contract' || !contract.state.opened) return split;
  const term = coveredTerm(contract.state);
  const steps = netByEntity(contractSteps(reader, contractId, cut)) as ChargedStep[];
  let remaining = excessCents;
  for (let i = steps.length - 1; i >= 0 && remaining > 0; i -= 1) {
    const step = steps[i];
    if (step.deltaCents <= 0 || !within(step, term)) continue;
    const share = Math.min(remaining, step.deltaCents);
    split.set(step.budgetId, (split.get(step.budgetId) ?? 0) + share);
    remaining -= share;
  }
  return split;
}

/** A call-off-outside-term finding's amount by budget, as its detail gives it (none: empty). */
function outsideByBudget(finding: Finding | undefined): Map<string, number> {
  const [budgetIds, amounts] = [finding?.detail.budgetIds, finding?.detail.calledOffOutsideByBudget];
  const split = new Map<string, number>();
  if (!Array.isArray(budgetIds) || !Array.isArray(amounts)) return split;
  budgetIds.forEach((budgetId, i) => split.set(String(budgetId), centsOf(amounts[i]) ?? 0));
  return split;
}

/**
 * The money an afwijking is about, for the totals: afwijkingen with the same key concern the same
 * money, and together count at most `capCents` of it (null: no such bound, each counts whole).
 */
export interface MoneyConcerned {
  readonly key: string;
  readonly capCents: number | null;
  /** Where in its entity's money the afwijking lies: those of one entity that overlap are the same euros. */
  readonly span?: Span;
}

/**
 * A grant, purchase or expense's findings (its flags, spending after a programme's end, a payment
 * without a commitment) concern its money: at most what it committed or paid, whichever is more. A
 * purchase called off under a contract is the contract's money, as are the contract's own findings
 * (a procedure too light, call-offs above the ceiling): at most what was committed or paid under it.
 * A budget's findings and a possible split concern money of their own.
 */
export function moneyConcerned(reader: LedgerReader, finding: Finding, all: readonly Finding[], cut: Cut): MoneyConcerned {
  const { category, streamId } = finding.entity;
  if (category === 'contract') return contractMoney(reader, finding.entity.id, cut);
  if (category !== 'grant' && category !== 'purchase' && category !== 'expense') return { key: finding.id, capCents: null };
  const unit = reader.unit(streamId, cut);
  if (unit.kind !== 'spending') return { key: finding.id, capCents: null };
  if (unit.state.contractId) return contractMoney(reader, unit.state.contractId, cut);
  const span = afwijkingSpan(reader, finding, all, cut);
  return { key: streamId, capCents: Math.max(unit.state.amountCents, unit.state.paidCents, 0), ...(span ? { span } : {}) };
}

function contractMoney(reader: LedgerReader, contractId: string, cut: Cut): MoneyConcerned {
  const key = `contract-${contractId}`;
  const unit = reader.unit(key, cut);
  if (unit.kind !== 'contract' || !unit.state.opened) return { key, capCents: null };
  const { committedCents, realisedCents } = sumRows(contractRows(reader, contractId, cut)).measures;
  return { key, capCents: Math.max(committedCents, realisedCents, 0) };
}

/** This flag's part of its entity's excess as the cut sees it (findings/excess.ts: the same rule that lists it). */
function flagPart(reader: LedgerReader, finding: Finding, cut: Cut): FlagPart {
  return flagParts(reader.visibleFacts(finding.entity.streamId, cut)).get(finding.id) ?? { cents: 0, aboveCents: 0 };
}

/** The figures of a finding's entity as the cut sees them. */
function entityFigures(reader: LedgerReader, finding: Finding, cut: Cut): EntityFigures {
  return figuresOf(reader.visibleFacts(finding.entity.streamId, cut));
}

function centsOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const parsed = parseMoney(value, { allowNegative: true });
  return parsed.ok ? parsed.cents : null;
}
