// Findings: the real but irregular facts an accountant must see, each naming its events and
// the entity it is about. Flags stored on events when their own stream proved them, and the
// findings that span streams, derived here from what the cut sees (so a reversal elsewhere
// removes them, and `asOf` before it shows them again).
import { EVENT_TYPES, type Flag } from '@geldstroom/ledger';
import { visible } from './cut';
import { deriveFindings } from './derived-findings';
import { reference } from './evidence';
import type { Fact } from './facts';
import { entityOf, type Finding, type FindingKind } from './finding';
import { money } from './money';
import type { ProcurementThresholds } from './procurement-thresholds';
import type { LedgerReader, ResolvedCut } from './reader';

export const FLAG_DESCRIPTIONS: Readonly<Record<Flag, string>> = {
  'budget-below-zero': 'a budget amendment takes the current budget below zero',
  'allocated-above-budget': 'allocation lines add up to more than the current budget',
  'transferred-above-budget': 'a transfer out takes more than the current budget holds',
  'paid-above-granted': 'net payments on a grant pass the granted amount',
  'paid-above-settled': 'net payments on a grant pass the settled amount',
  'settled-above-granted': 'a settlement above the granted amount',
  'invoiced-above-total': 'invoices on a purchase add up to more than count × unit price',
  'paid-above-invoiced': 'payments on a purchase add up to more than was invoiced',
  'paid-above-total': 'payments on a purchase add up to more than count × unit price',
  'outcomes-above-participants': 'more outcomes of a kind than participants enrolled',
};

export interface FindingsAnswer {
  readonly count: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly findings: readonly Finding[];
  readonly asOf: string | null;
  readonly on: string | null;
  readonly journal: ResolvedCut['journal'];
}

export function findings(
  reader: LedgerReader,
  cut: ResolvedCut,
  thresholds: ProcurementThresholds,
  options: { readonly kind?: FindingKind } = {},
): FindingsAnswer {
  const facts = visible(allFacts(reader), cut);
  const all = [...storedFlagFindings(facts), ...deriveFindings(facts, thresholds)]
    .filter((f) => options.kind === undefined || f.kind === options.kind)
    .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byKind: Record<string, number> = {};
  for (const finding of all) byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
  return { count: all.length, byKind, findings: all, asOf: cut.asOf, on: cut.on ?? null, journal: cut.journal };
}

/** Every ledger fact once, in journal order (the reader selects by type; types are few). */
function allFacts(reader: LedgerReader): Fact[] {
  return EVENT_TYPES.flatMap((type) => reader.factsOfType(type)).sort((a, b) => a.position - b.position);
}

function storedFlagFindings(facts: readonly Fact[]): Finding[] {
  const found: Finding[] = [];
  for (const fact of facts) {
    const flags = fact.data.flags;
    if (!Array.isArray(flags)) continue;
    for (const flag of flags as Flag[]) {
      found.push({
        id: `${flag}:${fact.eventId}`,
        kind: flag,
        origin: 'flag',
        description: FLAG_DESCRIPTIONS[flag] ?? flag,
        entity: entityOf(fact.streamId),
        date: fact.effectiveDate,
        detail: {
          eventType: fact.type,
          ...(typeof fact.data.amountCents === 'number' ? { amount: money(fact.data.amountCents) } : {}),
          ...(typeof fact.data.settledAmountCents === 'number' ? { settledAmount: money(fact.data.settledAmountCents) } : {}),
        },
        events: [reference(fact)],
      });
    }
  }
  return found;
}
