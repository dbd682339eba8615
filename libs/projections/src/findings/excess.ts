// What a grant or purchase has gone past a limit by, and each flag's part of it. A flag is stored
// on the event that went past the limit, with what the decider saw then; the afwijking is what went
// past as the cut sees the entity: its excess, spread over its flagged events from the latest back
// (the money paid last is the money paid beyond), each taking at most its own amount. A flag whose
// part is nothing (an invoice recorded since covers the payment, a reclaim took the money back) is
// no finding, as a budget or a contract no longer past its limit has none: derive.ts lists a flag
// only while its part is above zero, and the register (reports/afwijking.ts) counts that part.
import type { Flag } from '@geldstroom/ledger';
import type { SpendingState } from '../folds/spending';
import type { LedgerFact } from '../model/ledger-fact';

/** The figures of one grant, purchase or expense a flag's limit is one of. */
export interface EntityFigures {
  grantedCents: number;
  settledCents: number | null;
  paidCents: number;
  invoicedCents: number;
  totalCents: number;
  committedCents: number;
}

/** Per flag with an amount: how far the entity is past the flag's limit (zero or less: not past it). */
export const FLAG_EXCESS: Partial<Record<Flag, (f: EntityFigures) => number>> = {
  'paid-above-granted': (f) => f.paidCents - f.grantedCents,
  'paid-above-settled': (f) => f.paidCents - (f.settledCents ?? f.grantedCents),
  'settled-above-granted': (f) => (f.settledCents ?? f.grantedCents) - f.grantedCents,
  'invoiced-above-total': (f) => f.invoicedCents - f.totalCents,
  'paid-above-invoiced': (f) => f.paidCents - f.invoicedCents,
  'paid-above-total': (f) => f.paidCents - f.totalCents,
};

/** Whose limit each of those flags is about: a grant's award or settlement, a purchase's order or invoices. */
export const FLAG_CATEGORY: Partial<Record<Flag, 'grant' | 'purchase'>> = {
  'paid-above-granted': 'grant',
  'paid-above-settled': 'grant',
  'settled-above-granted': 'grant',
  'invoiced-above-total': 'purchase',
  'paid-above-invoiced': 'purchase',
  'paid-above-total': 'purchase',
};

/** A flag's part of its entity's excess, and how much of the excess the later flags took above it. */
export interface FlagPart {
  readonly cents: number;
  readonly aboveCents: number;
}

/**
 * Each flag's part of its entity's excess, by the finding's id (`<flag>:<eventId>`), from the
 * entity's facts as the cut sees them in business order. Only the flags that have an excess.
 */
export function flagParts(facts: readonly LedgerFact[]): Map<string, FlagPart> {
  const figures = figuresOf(facts);
  const parts = new Map<string, FlagPart>();
  for (const [flag, excess] of Object.entries(FLAG_EXCESS) as [Flag, (f: EntityFigures) => number][]) {
    const excessCents = Math.max(0, excess(figures));
    let remaining = excessCents;
    // The latest first: business order (date, then position) backwards.
    for (let i = facts.length - 1; i >= 0; i -= 1) {
      const fact = facts[i];
      if (!flagsOf(fact).includes(flag)) continue;
      const share = Math.min(remaining, ownCents(fact));
      parts.set(`${flag}:${fact.eventId}`, { cents: share, aboveCents: excessCents - remaining });
      remaining -= share;
    }
  }
  return parts;
}

export function flagsOf(fact: LedgerFact): readonly string[] {
  const flags = (fact.data as { flags?: unknown }).flags;
  return Array.isArray(flags) ? (flags as string[]) : [];
}

/** What the flagged event itself moved: a settlement its settled amount, any other its amount. */
export function ownCents(fact: LedgerFact): number {
  const data = fact.data as { settledAmountCents?: number; amountCents?: number };
  return data.settledAmountCents ?? data.amountCents ?? 0;
}

/** The same figures from the entity as folded (folds/spending.ts): what figuresOf gives from its facts. */
export function figuresOfState(state: SpendingState): EntityFigures {
  const amount = (category: SpendingState['category']) => (state.category === category ? state.amountCents : 0);
  return {
    grantedCents: amount('grant'),
    settledCents: state.settledCents,
    paidCents: state.paidCents,
    invoicedCents: state.invoicedCents,
    totalCents: amount('purchase'),
    committedCents: amount('expense'),
  };
}

export function figuresOf(facts: readonly LedgerFact[]): EntityFigures {
  const f: EntityFigures = { grantedCents: 0, settledCents: null, paidCents: 0, invoicedCents: 0, totalCents: 0, committedCents: 0 };
  for (const fact of facts) {
    switch (fact.type) {
      case 'GrantAwarded':
        f.grantedCents = fact.data.amountCents;
        break;
      case 'GrantSettled':
        f.settledCents = fact.data.settledAmountCents;
        break;
      case 'GrantAdvancePaid':
      case 'PurchasePaid':
      case 'ExpensePaid':
        f.paidCents += fact.data.amountCents;
        break;
      case 'GrantReclaimed':
        f.paidCents -= fact.data.amountCents;
        break;
      case 'TrajectoriesPurchased':
        f.totalCents = fact.data.totalCents;
        break;
      case 'PurchaseInvoiced':
      case 'ExpenseInvoiced':
        f.invoicedCents += fact.data.amountCents;
        break;
      case 'ExpenseCommitted':
      case 'ExpenseCommitmentRaised':
        f.committedCents += fact.data.amountCents;
        break;
      case 'ExpenseBooked':
        // Booked as incurred: committed, invoiced and paid at once.
        f.committedCents += fact.data.amountCents;
        f.invoicedCents += fact.data.amountCents;
        f.paidCents += fact.data.amountCents;
        break;
      default:
        break;
    }
  }
  return f;
}
