// The rechtmatigheid register of a party and year: every finding the party is accountable for,
// classed by criterion (begrotingscriterium, voorwaardencriterium; misbruik en oneigenlijk gebruik
// where recorded) as a fout or an onzekerheid, with its amount and where its review stands; the
// year's totals set against the thresholds the raad set (config/rechtmatigheid.json): the
// verantwoordingsgrens as a share of the omvangsbasis (given, or the ledger's own lasten), with an early warning as the total comes
// near it, and the rapportagegrens per afwijking. Findings that are signals rather than afwijkingen
// (an allocation above the budget, more outcomes than participants) are listed apart, not counted.
import type { FindingKind, Finding } from '../findings/finding';
import type { FindingRules } from '../findings/rules';
import { money } from '../model/money';
import { findingsDated, knownFrom } from '../queries/findings';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from '../queries/reader';
import { partySpending } from '../queries/spending';
import { afwijkingByBudget, afwijkingCents, moneyConcerned, type MoneyConcerned, type Span } from './afwijking';
import { committedByBudget, contractBuyer, findingContext, latestReviews, type ReviewAnswer } from './finding-context';
import {
  basisPointsOf, CRITERIA, earlyWarning, exceedsRapportagegrens, rechtmatigheidThresholdsFor, withinGoedkeuringstolerantie,
  type Criterion, type FindingClass, type Goedkeuringstolerantie, type RechtmatigheidThresholds, type WarningLevel,
} from './rules/rechtmatigheid-thresholds';
import type { ReportRules } from './rules/report-rules';
import { parseMoney } from '@geldstroom/ledger';

export interface Classification {
  readonly criterion: Criterion;
  readonly class: FindingClass;
  /** What the amount of the afwijking is, in words. */
  readonly basis: string;
}

/**
 * How each kind of finding counts in the verantwoording. A payment beyond what was awarded,
 * ordered or committed, a contract bought by too light a procedure, called off beyond its
 * ceiling or outside its term are fouten under the voorwaardencriterium; where the ledger only
 * shows that evidence may be missing (paid beyond what was invoiced, paid before anything was committed, spent after a
 * programme ended, a possible split) it is an onzekerheid until reviewed. A budget overrun is a
 * fout under the begrotingscriterium. Null: a signal for the controller, no afwijking by itself.
 */
export const CLASSIFICATION: Readonly<Record<FindingKind, Classification | null>> = {
  'budget-overrun': { criterion: 'begrotingscriterium', class: 'fout', basis: 'committed beyond the current budget' },
  'transferred-above-budget': { criterion: 'begrotingscriterium', class: 'fout', basis: "the transfer's amount" },
  'budget-below-zero': null,
  'allocated-above-budget': null,
  'line-overrun': null,
  'outcomes-above-participants': null,
  'mirror-missing': null,
  'taakveld-unknown': null,
  'paid-above-granted': { criterion: 'voorwaardencriterium', class: 'fout', basis: 'paid beyond the granted amount' },
  'paid-above-settled': { criterion: 'voorwaardencriterium', class: 'fout', basis: 'paid beyond the settled amount' },
  'settled-above-granted': { criterion: 'voorwaardencriterium', class: 'fout', basis: 'settled beyond the granted amount' },
  'paid-above-total': { criterion: 'voorwaardencriterium', class: 'fout', basis: 'paid beyond count × unit price' },
  'paid-above-committed': { criterion: 'voorwaardencriterium', class: 'fout', basis: 'paid beyond what was committed' },
  'invoiced-above-total': { criterion: 'voorwaardencriterium', class: 'onzekerheid', basis: 'invoiced beyond count × unit price' },
  'invoiced-above-committed': { criterion: 'voorwaardencriterium', class: 'onzekerheid', basis: 'invoiced beyond what was committed' },
  'paid-above-invoiced': { criterion: 'voorwaardencriterium', class: 'onzekerheid', basis: 'paid beyond what was invoiced' },
  'call-off-above-ceiling': { criterion: 'voorwaardencriterium', class: 'fout', basis: "called off beyond the contract's ceiling" },
  'call-off-outside-term': { criterion: 'voorwaardencriterium', class: 'fout', basis: "called off outside the contract's term" },
  'procedure-too-light': { criterion: 'voorwaardencriterium', class: 'fout', basis: 'committed under the contract' },
  'split-purchase': { criterion: 'voorwaardencriterium', class: 'onzekerheid', basis: 'the commitments together' },
  'spending-after-programme-end': { criterion: 'voorwaardencriterium', class: 'onzekerheid', basis: "the spending event's amount" },
  'payment-without-commitment': { criterion: 'voorwaardencriterium', class: 'onzekerheid', basis: "the payment's amount" },
};

export interface RegisterEntry {
  readonly findingId: string;
  readonly kind: FindingKind;
  readonly description: string;
  readonly date: string;
  readonly entity: Finding['entity'];
  readonly criterion: Criterion | null;
  readonly class: FindingClass | null;
  /** The afwijking in euros; null for a signal. */
  readonly amount: string | null;
  readonly amountBasis: string | null;
  readonly aboveRapportagegrens: boolean;
  readonly reviewState: ReviewAnswer['state'] | 'not-reviewed';
  readonly review: ReviewAnswer | null;
  /** The finding changed since its latest review (which judged an earlier version of it). */
  readonly reviewStale: boolean;
  readonly budgets: readonly string[];
  readonly events: Finding['events'];
}

export interface RegisterTotals {
  readonly errors: string;
  readonly uncertainties: string;
  readonly total: string;
  readonly byCriterion: readonly { readonly criterion: Criterion; readonly errors: string; readonly uncertainties: string; readonly count: number }[];
  /** `stale`: of `count`, those whose finding changed since the review. */
  readonly byReviewState: readonly { readonly state: string; readonly count: number; readonly stale: number; readonly amount: string }[];
}

export interface RechtmatigheidRegister extends AnswerCut {
  readonly partyId: string;
  readonly name: string | null;
  readonly year: number;
  /** The year's lasten as the ledger records them (the party's own view, realised). */
  readonly lasten: string;
  /**
   * What the goedkeuringstolerantie, the verantwoordingsgrens and the early warning are a share of:
   * the omvangsbasis a controller gave (`given`: all of the municipality's lasten, as the Bado
   * means it), or by default the ledger's own lasten (`ledger-lasten`), which hold only the
   * spending recorded here and are typically a small part of it.
   */
  readonly omvangsbasis: { readonly amount: string; readonly from: 'given' | 'ledger-lasten' };
  /** The Bado's goedkeuringstolerantie of the year as amounts of the omvangsbasis: fouten and onzekerheden apart, or together. */
  readonly goedkeuringstolerantie: { readonly mode: 'separate' | 'combined'; readonly errors: string | null; readonly uncertainties: string | null; readonly combined: string | null } | null;
  readonly thresholds: {
    readonly law: { readonly id: string; readonly omvangsbasis: string; readonly goedkeuringstolerantie: RechtmatigheidThresholds['law']['goedkeuringstolerantie'] };
    readonly council: { readonly id: string; readonly kind: string; readonly source: string; readonly verantwoordingsgrensPercent: string; readonly rapportagegrens: string };
  } | null;
  readonly verantwoordingsgrens: string | null;
  readonly earlyWarning: { readonly level: WarningLevel; readonly warningFrom: string; readonly headroom: string; readonly usedPercent: string | null } | null;
  readonly withinGoedkeuringstolerantie: boolean | null;
  readonly totals: RegisterTotals;
  readonly entries: readonly RegisterEntry[];
  /** Findings that are signals for the controller, not afwijkingen: listed, never counted. */
  readonly signals: readonly RegisterEntry[];
  readonly note: string;
}

const NOTE =
  'Totals count every fout and onzekerheid whatever its review state, each euro once: entries about the same money (an order ' +
  "and its payments, a contract and its call-offs) count together at most that money, fouten first; a payment above both its order " +
  "and its invoices is one afwijking, counted as the fout. Each entry's amount is its own. " +
  'byReviewState shows how many are explained, accepted, ' +
  'to be corrected or escalated. Misbruik en oneigenlijk gebruik is counted where the ledger records it; it records no M&O case ' +
  'as such, so that criterion stays at zero until one is. The council thresholds in config/rechtmatigheid.json are an example ' +
  'until the municipality puts in what its raad adopted. The goedkeuringstolerantie, verantwoordingsgrens and early warning are ' +
  "shares of the omvangsbasis: all of the municipality's lasten (less additions to the reserves from 2025) when given " +
  "(omvangsbasis=), else the ledger's own lasten, only the spending recorded here: then they are far too low.";

export interface RegisterOptions {
  /** The omvangsbasis in cents, as a controller gave it; without it, the ledger's own lasten. */
  readonly omvangsbasisCents?: number;
}

export function rechtmatigheidRegister(
  reader: LedgerReader,
  partyId: string,
  year: number,
  cut: Cut,
  rules: { findings: FindingRules; reports: ReportRules },
  options: RegisterOptions = {},
): RechtmatigheidRegister | undefined {
  const party = reader.party(partyId, cut);
  if (!party) return undefined;
  const thresholds = rechtmatigheidThresholdsFor(rules.reports.rechtmatigheid, year);
  const reviews = latestReviews(reader, cut);
  // Every finding, placed in the begrotingsjaar of the budgets its money was charged to, as the
  // lasten it is measured against are (an order placed in December on next year's budget is that
  // year's); one that names no budget by its date.
  // A finding whose money was charged to several budgets (a contract's) counts, in each register,
  // what this party's budgets of this year were charged: never the whole in every year it touched.
  const found = findingsDated(reader, cut, rules.findings, '0000-01-01', '9999-12-31');
  const entries = found
    .map((finding) => ({ finding, context: findingContext(reader, finding, cut) }))
    .filter(({ context }) => context.partyIds.has(partyId))
    .flatMap(({ finding, context }): Placed[] => {
      const split = afwijkingByBudget(reader, finding, found, cut);
      const concerns = moneyConcerned(reader, finding, found, cut);
      // One entity's or budget's money, or nothing charged anywhere yet (a contract too lightly
      // procured, not yet called off): placed by its budgets' years, or by its date.
      if (split === undefined || split.size === 0) {
        if (!yearsOf(reader, finding, context.budgetIds, cut).has(year)) return [];
        return [{ finding, budgets: [...context.budgetIds].sort(), cents: afwijkingCents(reader, finding, found, cut), concerns, counted: true, contractId: null }];
      }
      const own = (budgetId: string) => {
        const budget = reader.budget(budgetId, cut);
        return budget?.fiscalYear === year && budget.ownerPartyId === partyId;
      };
      const contractId = finding.entity.id;
      const budgets = [...split.keys()].filter(own).sort();
      if (budgets.length === 0) {
        // The buyer's contract, charged to other parties' books only: a signal here, counted where the money is.
        if (contractBuyer(reader, contractId, cut) !== partyId || [...split.keys()].every((b) => reader.budget(b, cut)?.fiscalYear !== year)) return [];
        return [{ finding, budgets: [...split.keys()].sort(), cents: null, concerns, counted: false, contractId }];
      }
      // The contract's money in these books: what its findings here count together at most.
      const inBooks = [...committedByBudget(reader, contractId, cut)].filter(([budgetId]) => own(budgetId)).reduce((sum, [, cents]) => sum + cents, 0);
      const capCents = concerns.capCents === null ? inBooks : Math.min(concerns.capCents, inBooks);
      return [{ finding, budgets, cents: budgets.reduce((sum, budgetId) => sum + split.get(budgetId)!, 0), concerns: { ...concerns, capCents }, counted: true, contractId }];
    })
    .map(({ finding, budgets, cents, concerns, counted, contractId }) => {
      const review = reviews.get(finding.id);
      // A contract's finding is worked out per register: stale when its money in these books, or the contract, moved since.
      const stale =
        review !== undefined &&
        (contractId === null ? knownFrom(reader, finding.id, cut.position) > review.position : contractChangedSince(reader, contractId, budgets, review.position, cut));
      return { entry: entryOf(finding, budgets, cents, review ?? null, stale, thresholds, counted), concerns };
    });
  const counted = entries.filter(({ entry }) => entry.criterion !== null);
  const lastenCents = centsOf(partySpending(reader, partyId, cut, { year })?.years.find((y) => y.year === year)?.realised ?? '0.00');
  const totals = totalsOf(counted);
  const [errorsCents, uncertaintiesCents] = [centsOf(totals.errors), centsOf(totals.uncertainties)];
  const baseCents = options.omvangsbasisCents ?? Math.max(lastenCents, 0);
  const warning = thresholds ? earlyWarning(errorsCents + uncertaintiesCents, baseCents, thresholds) : undefined;
  return {
    partyId,
    name: party.name,
    year,
    lasten: money(lastenCents),
    omvangsbasis: { amount: money(baseCents), from: options.omvangsbasisCents === undefined ? 'ledger-lasten' : 'given' },
    goedkeuringstolerantie: thresholds ? toleranceOf(thresholds.law.goedkeuringstolerantie, baseCents) : null,
    thresholds: thresholds ? describeThresholds(thresholds) : null,
    verantwoordingsgrens: warning ? money(warning.verantwoordingsgrensCents) : null,
    earlyWarning: warning
      ? { level: warning.level, warningFrom: money(warning.warningFromCents), headroom: money(warning.headroomCents), usedPercent: warning.usedBasisPoints === null ? null : money(warning.usedBasisPoints) }
      : null,
    withinGoedkeuringstolerantie: thresholds ? withinGoedkeuringstolerantie(errorsCents, uncertaintiesCents, baseCents, thresholds.law) : null,
    totals,
    entries: counted.map(({ entry }) => entry),
    signals: entries.filter(({ entry }) => entry.criterion === null).map(({ entry }) => entry),
    note: NOTE,
    ...answerCut(cut),
  };
}

/** The fiscal years of the budgets a finding's money was charged to; without any, its date's year. */
function yearsOf(reader: LedgerReader, finding: Finding, budgetIds: ReadonlySet<string>, cut: Cut): Set<number> {
  const years = new Set([...budgetIds].flatMap((budgetId) => reader.budget(budgetId, cut)?.fiscalYear ?? []));
  return years.size > 0 ? years : new Set([Number(finding.date.slice(0, 4))]);
}

/** A finding placed in this register: its budgets here, its amount, the money it concerns. */
interface Placed {
  readonly finding: Finding;
  readonly budgets: string[];
  readonly cents: number | null;
  readonly concerns: MoneyConcerned;
  /** False: a signal here (its money is in other books). */
  readonly counted: boolean;
  /** A contract's finding split by budget: the contract. */
  readonly contractId: string | null;
}

/** Whether, after `since` and up to the cut, a call-off of the contract on these budgets moved, or the contract itself changed (or a change to it was reversed). */
function contractChangedSince(reader: LedgerReader, contractId: string, budgets: readonly string[], since: number, cut: Cut): boolean {
  const moved = reader
    .statement('SELECT 1 FROM movements WHERE contract_id = @contract AND q > @since AND q <= @at AND committed_cents <> 0 AND budget_id IN (SELECT value FROM json_each(@budgets)) LIMIT 1')
    .get({ contract: contractId, since, at: cut.position, budgets: JSON.stringify(budgets) });
  if (moved !== undefined) return true;
  return (
    reader
      .statement(
        `SELECT 1 FROM facts f WHERE f.unit_id = @unit AND ((f.position > @since AND f.position <= @at)
         OR EXISTS (SELECT 1 FROM reversals r WHERE r.position = f.position AND r.reversed_at > @since AND r.reversed_at <= @at)) LIMIT 1`,
      )
      .get({ unit: `contract-${contractId}`, since, at: cut.position }) !== undefined
  );
}

/** An entry of the register; `inTheseBooks` false: listed among the signals (a finding whose money is in other books). */
function entryOf(
  finding: Finding,
  budgets: string[],
  amountCents: number | null,
  review: ReviewAnswer | null,
  reviewStale: boolean,
  thresholds: RechtmatigheidThresholds | undefined,
  inTheseBooks = true,
): RegisterEntry {
  const classed = inTheseBooks ? CLASSIFICATION[finding.kind] : null;
  const counted = classed !== null && amountCents !== null;
  return {
    findingId: finding.id,
    kind: finding.kind,
    description: finding.description,
    date: finding.date,
    entity: finding.entity,
    criterion: classed?.criterion ?? null,
    class: classed?.class ?? null,
    amount: counted ? money(amountCents) : null,
    amountBasis: classed?.basis ?? null,
    aboveRapportagegrens: counted && thresholds !== undefined && exceedsRapportagegrens(amountCents, thresholds),
    reviewState: review?.state ?? 'not-reviewed',
    review,
    reviewStale,
    budgets,
    events: finding.events,
  };
}

/** An entry with the money it concerns: entries with the same key share that money. */
interface Counted {
  readonly entry: RegisterEntry;
  readonly concerns: MoneyConcerned;
}

/**
 * The fouten and onzekerheden of some entries, each euro once. Entries about the same money (an
 * order after a programme's end and its payments; a contract bought too lightly and its call-offs
 * above the ceiling) add up to at most that money, the fouten first and the onzekerheden in what is
 * left of it: what the verantwoording sets against its thresholds is money, not a count of findings.
 */
function afwijkingen(of: readonly Counted[]): { errorsCents: number; uncertaintiesCents: number } {
  type Money = { capCents: number | null; errorsCents: number; uncertaintiesCents: number; errorSpans: Span[]; spans: Span[] };
  const byMoney = new Map<string, Money>();
  for (const { entry, concerns } of of) {
    const money = byMoney.get(concerns.key) ?? { capCents: concerns.capCents, errorsCents: 0, uncertaintiesCents: 0, errorSpans: [], spans: [] };
    // The tightest bound any entry about this money knows (a contract's findings: its money in these books).
    if (concerns.capCents !== null) money.capCents = money.capCents === null ? concerns.capCents : Math.min(money.capCents, concerns.capCents);
    const cents = entry.amount === null ? 0 : centsOf(entry.amount);
    if (concerns.span && cents > 0 && (entry.class === 'fout' || entry.class === 'onzekerheid')) {
      // Where the afwijking lies in its entity's money is known: overlapping ones are the same euros.
      money.spans.push(concerns.span);
      if (entry.class === 'fout') money.errorSpans.push(concerns.span);
    } else {
      if (entry.class === 'fout') money.errorsCents += cents;
      if (entry.class === 'onzekerheid') money.uncertaintiesCents += cents;
    }
    byMoney.set(concerns.key, money);
  }
  let [errorsCents, uncertaintiesCents] = [0, 0];
  for (const money of byMoney.values()) {
    // The fouten's euros, and the onzekerheden's outside them.
    const errorSpanCents = coveredCents(money.errorSpans);
    money.errorsCents += errorSpanCents;
    money.uncertaintiesCents += coveredCents(money.spans) - errorSpanCents;
    const errors = money.capCents === null ? money.errorsCents : Math.min(money.errorsCents, money.capCents);
    errorsCents += errors;
    uncertaintiesCents += money.capCents === null ? money.uncertaintiesCents : Math.min(money.uncertaintiesCents, Math.max(money.capCents - errors, 0));
  }
  return { errorsCents, uncertaintiesCents };
}

/** How many cents the spans cover together, each cent once. */
function coveredCents(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.fromCents - b.fromCents);
  let [covered, reached] = [0, Number.NEGATIVE_INFINITY];
  for (const { fromCents, toCents } of sorted) {
    const from = Math.max(fromCents, reached);
    if (toCents > from) covered += toCents - from;
    reached = Math.max(reached, toCents);
  }
  return covered;
}

function totalsOf(counted: readonly Counted[]): RegisterTotals {
  const all = afwijkingen(counted);
  const states = [...new Set(counted.map(({ entry }) => entry.reviewState))].sort();
  return {
    errors: money(all.errorsCents),
    uncertainties: money(all.uncertaintiesCents),
    total: money(all.errorsCents + all.uncertaintiesCents),
    byCriterion: CRITERIA.map((criterion) => {
      const of = counted.filter(({ entry }) => entry.criterion === criterion);
      const sums = afwijkingen(of);
      return { criterion, errors: money(sums.errorsCents), uncertainties: money(sums.uncertaintiesCents), count: of.length };
    }),
    byReviewState: states.map((state) => {
      const of = counted.filter(({ entry }) => entry.reviewState === state);
      const sums = afwijkingen(of);
      return { state, count: of.length, stale: of.filter(({ entry }) => entry.reviewStale).length, amount: money(sums.errorsCents + sums.uncertaintiesCents) };
    }),
  };
}

function toleranceOf(t: Goedkeuringstolerantie, baseCents: number): NonNullable<RechtmatigheidRegister['goedkeuringstolerantie']> {
  if (t.mode === 'combined') return { mode: 'combined', errors: null, uncertainties: null, combined: money(basisPointsOf(baseCents, t.combinedBasisPoints)) };
  return { mode: 'separate', errors: money(basisPointsOf(baseCents, t.errorsBasisPoints)), uncertainties: money(basisPointsOf(baseCents, t.uncertaintiesBasisPoints)), combined: null };
}

function describeThresholds(t: RechtmatigheidThresholds): NonNullable<RechtmatigheidRegister['thresholds']> {
  return {
    law: { id: t.law.id, omvangsbasis: t.law.omvangsbasis, goedkeuringstolerantie: t.law.goedkeuringstolerantie },
    council: {
      id: t.council.id,
      kind: t.council.kind,
      source: t.council.source,
      // Basis points are hundredths of a percent: the same two-decimal form as money.
      verantwoordingsgrensPercent: money(t.council.verantwoordingsgrensBasisPoints),
      rapportagegrens: money(t.council.rapportagegrensCents),
    },
  };
}

function centsOf(amount: string): number {
  const parsed = parseMoney(amount, { allowNegative: true });
  if (!parsed.ok) throw new Error(`not an amount: ${amount}`);
  return parsed.cents;
}
