// Accountability per outside funding a party received (SiSa-style): for each funder, and each
// regulation a funder paid under (BudgetFunded.regulationCode), what came in, what was spent from
// it per year by the ledger's own who-paid attribution (a budget's payments drawn from an earmark
// first, then pro rata from what it holds, through every transfer between the party's budgets),
// cumulatively, what remains unspent, the programmes it paid for with their participants and
// outcomes, and the findings that touch that spending as fouten or onzekerheden. A year is the
// fiscal year of the budget the money came into or was spent from. Money moved on to another
// party's budget is spent by this party (passed on) and named.
import type { BudgetHeader } from '../folds/headers';
import type { Finding } from '../findings/finding';
import type { FindingRules } from '../findings/rules';
import { money } from '../model/money';
import type { SpendingKind } from '../model/movement';
import { findingsDated } from '../queries/findings';
import { sumRows } from '../queries/figures';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from '../queries/reader';
import { funderPartyOf, regulatedSource } from '../who-paid/sources';
import { afwijkingByBudget, afwijkingCents } from './afwijking';
import { findingContext, latestReviews, type ReviewAnswer } from './finding-context';
import { ownBooks, ownBudgets, type BatenLine, type LastenLine } from './own-books';
import { CLASSIFICATION } from './rechtmatigheid-register';
import type { Criterion, FindingClass } from './rules/rechtmatigheid-thresholds';
import type { ReportRules } from './rules/report-rules';
import { needsDeelwaarneming, regulationFor } from './rules/sisa-regulations';

export interface FundingYear {
  readonly year: number;
  /** Came in this year: as a funding into the party's budgets, or moved in from another party's budget. */
  readonly received: string;
  readonly receivedAsFunding: string;
  readonly receivedByTransfer: string;
  /** Spent this year: paid from the party's budgets, and passed on to other parties' budgets. */
  readonly spent: string;
  readonly passedOn: string;
  readonly cumulativeReceived: string;
  readonly cumulativeSpent: string;
  /** cumulativeReceived − cumulativeSpent: to be returned or carried over. */
  readonly unspent: string;
  /** The accountant examines at least one transaction (SiSa, from 2025, from EUR 125.000 a year). */
  readonly deelwaarneming: boolean;
  /** How many of the statement's findings are about spending charged to this year's budgets. */
  readonly findings: number;
}

export interface FundingProgramme {
  readonly programmeId: string;
  readonly name: string | null;
  readonly spent: string;
  readonly participants: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

export interface FundingFinding {
  readonly findingId: string;
  readonly kind: string;
  readonly date: string;
  readonly criterion: Criterion | null;
  readonly class: FindingClass | null;
  readonly amount: string | null;
  readonly reviewState: ReviewAnswer['state'] | 'not-reviewed';
  readonly budgets: readonly string[];
}

export interface FundingStatement {
  readonly funderPartyId: string;
  readonly funderName: string | null;
  readonly regulationCode: string | null;
  /** The regulation as config/sisa.json knows it; its codes are NOT confirmed (see codeConfirmed). */
  readonly regulation: {
    readonly id: string;
    readonly code: string | null;
    readonly codeConfirmed: boolean;
    readonly name: string;
    readonly legalBasis: string;
    readonly indicators: readonly { readonly label: string; readonly kind: string; readonly confirmed: boolean }[];
    readonly note: string | null;
  } | null;
  /** The party's budgets the funding came into. */
  readonly budgets: readonly string[];
  readonly received: string;
  readonly spent: string;
  readonly unspent: string;
  readonly years: readonly FundingYear[];
  readonly spentByKind: readonly { readonly kind: SpendingKind; readonly amount: string }[];
  readonly passedOnTo: readonly { readonly partyId: string | null; readonly name: string | null; readonly toBudgetId: string | null; readonly amount: string }[];
  readonly programmes: readonly FundingProgramme[];
  readonly findings: readonly FundingFinding[];
}

export interface FundingAccountability extends AnswerCut {
  readonly partyId: string;
  readonly name: string | null;
  /** Figures up to and including this year (every year when null). */
  readonly year: number | null;
  readonly statements: readonly FundingStatement[];
  readonly note: string;
}

const NOTE =
  'Spent is realised (paid, net of reclaims), attributed by who paid: a payment draws first on money earmarked for its programme, ' +
  'then pro rata on what its budget holds; transfers carry their share along. Money under a regulation code is followed on its own; ' +
  "without a code, a funder's money is followed by funder alone, also where it came in through another party's budget. " +
  'The SiSa regulation codes and indicators in config/sisa.json are NOT confirmed: check them against the SiSa-bijlage of the year before filing.';

/** One funding the party accounts for: the funder, the regulation, and the source keys it is kept under. */
interface Source {
  readonly funderPartyId: string;
  readonly regulationCode: string | null;
  readonly keys: Set<string>;
}

export function fundingAccountability(
  reader: LedgerReader,
  partyId: string,
  cut: Cut,
  rules: { findings: FindingRules; reports: ReportRules },
  options: { readonly year?: number } = {},
): FundingAccountability | undefined {
  const party = reader.party(partyId, cut);
  if (!party) return undefined;
  const budgets = ownBudgets(reader, partyId, cut).filter((b) => options.year === undefined || b.fiscalYear <= options.year);
  const books = ownBooks(reader, partyId, budgets, cut);
  const sources = sourcesOf(partyId, books.baten, new Set(budgets.map((b) => b.budgetId)));
  const findings = touchingFindings(reader, partyId, budgets, cut, rules);
  return {
    partyId,
    name: party.name,
    year: options.year ?? null,
    statements: sources.map((source) => statement(reader, source, books, findings, cut, rules.reports, options.year)),
    note: NOTE,
    ...answerCut(cut),
  };
}

/** The fundings the party received: by funder and regulation, from what its budgets took in. */
function sourcesOf(partyId: string, baten: readonly BatenLine[], own: ReadonlySet<string>): Source[] {
  const sources = new Map<string, Source>();
  for (const line of baten) {
    for (const [key, cents] of line.funders) {
      const regulated = regulatedSource(key);
      const funder = funderPartyOf(key);
      // Another party's regulated money is theirs to account for; own means and uncovered draws are no funding.
      if (cents === 0 || funder === partyId || key.startsWith('budget:') || (regulated && !own.has(regulated.budgetId))) continue;
      const id = `${funder}|${regulated?.regulationCode ?? ''}`;
      const source = sources.get(id) ?? { funderPartyId: funder, regulationCode: regulated?.regulationCode ?? null, keys: new Set<string>() };
      source.keys.add(key);
      sources.set(id, source);
    }
  }
  return [...sources.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, source]) => source);
}

function statement(
  reader: LedgerReader,
  source: Source,
  books: ReturnType<typeof ownBooks>,
  findings: readonly TouchingFinding[],
  cut: Cut,
  rules: ReportRules,
  year: number | undefined,
): FundingStatement {
  const of = (funders: ReadonlyMap<string, number>) => [...source.keys].reduce((sum, key) => sum + (funders.get(key) ?? 0), 0);
  const baten = books.baten.map((line) => ({ line, cents: of(line.funders) })).filter((x) => x.cents !== 0);
  const lasten = books.lasten.map((line) => ({ line, cents: of(line.funders) })).filter((x) => x.cents !== 0);
  const spentIn = new Map(lasten.map((x) => [x.line.budget.budgetId, x.line.budget.fiscalYear]));
  const touching = findings.flatMap((f) => {
    const budgets = f.budgets.filter((b) => spentIn.has(b));
    if (budgets.length === 0) return [];
    // A contract's finding: what the budgets this funding spent through were charged of it.
    if (!f.split) return [f.answer];
    return [{ ...f.answer, amount: money(budgets.reduce((sum, b) => sum + (f.split!.get(b) ?? 0), 0)), budgets }];
  });
  const years = yearsOf(baten, lasten, rules, year).map((y) => ({
    ...y,
    findings: touching.filter((f) => f.budgets.some((b) => spentIn.get(b) === y.year)).length,
  }));
  const last = years[years.length - 1];
  return {
    funderPartyId: source.funderPartyId,
    funderName: reader.partyName(source.funderPartyId, cut),
    regulationCode: source.regulationCode,
    regulation: regulationOf(rules, source.regulationCode, year ?? last?.year),
    budgets: [...new Set(baten.filter((x) => x.line.via === 'funding').map((x) => x.line.budget.budgetId))].sort(),
    received: last?.cumulativeReceived ?? money(0),
    spent: last?.cumulativeSpent ?? money(0),
    unspent: last?.unspent ?? money(0),
    years,
    spentByKind: spentByKind(lasten),
    passedOnTo: passedOn(reader, lasten, cut),
    programmes: programmes(reader, lasten, cut),
    findings: touching,
  };
}

type Amounted<T> = { readonly line: T; readonly cents: number };

function yearsOf(baten: readonly Amounted<BatenLine>[], lasten: readonly Amounted<LastenLine>[], rules: ReportRules, upTo: number | undefined): Omit<FundingYear, 'findings'>[] {
  const inYear = <T extends { budget: BudgetHeader }>(list: readonly Amounted<T>[], y: number, keep: (line: T) => boolean = () => true) =>
    list.filter((x) => x.line.budget.fiscalYear === y && keep(x.line)).reduce((sum, x) => sum + x.cents, 0);
  const years = [...new Set([...baten, ...lasten].map((x) => x.line.budget.fiscalYear))].filter((y) => upTo === undefined || y <= upTo).sort((a, b) => a - b);
  let [received, spent] = [0, 0];
  return years.map((y) => {
    const [directly, through] = [inYear(baten, y, (l) => l.via === 'funding'), inYear(baten, y, (l) => l.via === 'transfer')];
    const [paid, passed] = [inYear(lasten, y, (l) => l.via === 'spending'), inYear(lasten, y, (l) => l.via === 'transfer')];
    received += directly + through;
    spent += paid + passed;
    return {
      year: y,
      received: money(directly + through),
      receivedAsFunding: money(directly),
      receivedByTransfer: money(through),
      spent: money(paid + passed),
      passedOn: money(passed),
      cumulativeReceived: money(received),
      cumulativeSpent: money(spent),
      unspent: money(received - spent),
      deelwaarneming: needsDeelwaarneming(rules.sisa, Math.max(paid + passed, 0), y),
    };
  });
}

function regulationOf(rules: ReportRules, code: string | null, year: number | undefined): FundingStatement['regulation'] {
  const regulation = code === null || year === undefined ? undefined : regulationFor(rules.sisa, code, year);
  if (!regulation) return null;
  return {
    id: regulation.id,
    code: regulation.code,
    codeConfirmed: regulation.codeConfirmed,
    name: regulation.name,
    legalBasis: regulation.legalBasis,
    indicators: regulation.indicators.map((i) => ({ label: i.label, kind: i.kind, confirmed: i.confirmed })),
    note: regulation.note ?? null,
  };
}

function spentByKind(lasten: readonly Amounted<LastenLine>[]): FundingStatement['spentByKind'] {
  const byKind = new Map<SpendingKind, number>();
  for (const { line, cents } of lasten.filter((x) => x.line.via === 'spending')) byKind.set(line.kind, (byKind.get(line.kind) ?? 0) + cents);
  return [...byKind].filter(([, cents]) => cents !== 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, cents]) => ({ kind, amount: money(cents) }));
}

function passedOn(reader: LedgerReader, lasten: readonly Amounted<LastenLine>[], cut: Cut): FundingStatement['passedOnTo'] {
  const byBudget = new Map<string, { line: LastenLine; cents: number }>();
  for (const { line, cents } of lasten.filter((x) => x.line.via === 'transfer')) {
    const key = line.counterBudgetId ?? '';
    byBudget.set(key, { line, cents: (byBudget.get(key)?.cents ?? 0) + cents });
  }
  return [...byBudget.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, { line, cents }]) => ({
    partyId: line.counterpartyId,
    name: line.counterpartyId === null ? null : reader.partyName(line.counterpartyId, cut),
    toBudgetId: line.counterBudgetId,
    amount: money(cents),
  }));
}

/** The programmes the funding paid for, with what they recorded of participants and outcomes. */
function programmes(reader: LedgerReader, lasten: readonly Amounted<LastenLine>[], cut: Cut): FundingProgramme[] {
  const spent = new Map<string, number>();
  for (const { line, cents } of lasten) if (line.programmeId) spent.set(line.programmeId, (spent.get(line.programmeId) ?? 0) + cents);
  return [...spent].sort(([a], [b]) => (a < b ? -1 : 1)).map(([programmeId, cents]) => {
    const unit = reader.unit(`programme-${programmeId}`, cut);
    const people = sumRows(reader.scopeRows('programme', programmeId, cut).filter((r) => r.group.kind === 'programme')).measures;
    const outcomes = Object.fromEntries(
      ([['work', people.outcomesWork], ['education', people.outcomesEducation], ['other', people.outcomesOther]] as const).filter(([, n]) => n !== 0),
    );
    return { programmeId, name: unit.kind === 'programme' && unit.state.opened ? unit.state.name : null, spent: money(cents), participants: people.participants, outcomes };
  });
}

interface TouchingFinding {
  readonly budgets: readonly string[];
  readonly answer: FundingFinding;
  /** A finding whose money was charged to several budgets: its afwijking by budget (afwijkingByBudget). */
  readonly split?: ReadonlyMap<string, number>;
}

/** The findings of the years the party's budgets cover that touch its budgets, classed as in the register. */
function touchingFindings(reader: LedgerReader, partyId: string, budgets: readonly BudgetHeader[], cut: Cut, rules: { findings: FindingRules }): TouchingFinding[] {
  if (budgets.length === 0) return [];
  const years = budgets.map((b) => b.fiscalYear);
  // Spending charged to a year's budget can be dated in the next, or ordered in the year before
  // (December, on next year's budget): read a year either side.
  const all = findingsDated(reader, cut, rules.findings, `${Math.min(...years) - 1}-01-01`, `${Math.max(...years) + 1}-12-31`);
  const reviews = latestReviews(reader, cut);
  return all.flatMap((finding: Finding) => {
    const context = findingContext(reader, finding, cut);
    if (!context.partyIds.has(partyId)) return [];
    const classed = CLASSIFICATION[finding.kind];
    const cents = classed ? afwijkingCents(reader, finding, all, cut) : null;
    const split = classed ? afwijkingByBudget(reader, finding, all, cut) : undefined;
    if (split && split.size > 0) {
      const budgets = [...split.keys()].sort();
      return [{ budgets, split, answer: { findingId: finding.id, kind: finding.kind, date: finding.date, criterion: classed?.criterion ?? null, class: classed?.class ?? null, amount: null, reviewState: reviews.get(finding.id)?.state ?? 'not-reviewed', budgets } }];
    }
    return [{
      budgets: [...context.budgetIds].sort(),
      answer: {
        findingId: finding.id,
        kind: finding.kind,
        date: finding.date,
        criterion: classed?.criterion ?? null,
        class: classed?.class ?? null,
        amount: cents === null ? null : money(cents),
        reviewState: reviews.get(finding.id)?.state ?? 'not-reviewed',
        budgets: [...context.budgetIds].sort(),
      },
    }];
  });
}
