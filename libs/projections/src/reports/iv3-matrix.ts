// The Iv3 matrix of a party and fiscal year: its lasten and baten per taakveld (named as the
// catalogue in force for the year names it) and per economic category, from its own books (see
// own-books.ts), realised: what was paid and received. Lasten are split into own staff, hired
// staff, purchases, subsidies and grants paid, contributions and other, each with its Iv3 code;
// baten are the money that came from others (outside funders, other parties' budgets), but a
// specific grant is baten as it is spent, on the taakveld it is spent on, and what is not yet spent
// is held for its funder (received-in-advance.ts). The answer sets its lasten beside the party's
// own view of its spending, kind by kind, and shows they agree.
import { parseMoney, type PartyKind } from '@geldstroom/ledger';
import { money } from '../model/money';
import { SPENDING_KINDS, type SpendingKind } from '../model/movement';
import { partySpending, compareTaakveld } from '../queries/spending';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from '../queries/reader';
import { ownBooks, ownBudgets, type BatenLine, type LastenLine } from './own-books';
import { specificGrantBalances, specificOf, specificSources, type SpecificGrantBalance, type SpecificSource } from './received-in-advance';
import { catalogueFor, taakveldFor } from './rules/iv3-catalogue';
import { categoryFor, type LEDGER_COST_KINDS, type LEDGER_FUNDING_KINDS } from './rules/iv3-categories';
import { citation } from './rules/rule-data';
import type { ReportRules } from './rules/report-rules';

type CostKind = (typeof LEDGER_COST_KINDS)[number];
type FundingKind = (typeof LEDGER_FUNDING_KINDS)[number];

/** The economic categories the matrix splits lasten by, in the words of a controller. */
export const ECONOMIC_GROUPS = ['own-staff', 'hired-staff', 'purchases', 'subsidies-and-grants', 'contributions', 'other'] as const;
export type EconomicGroup = (typeof ECONOMIC_GROUPS)[number];

export interface Iv3Cell {
  /** The Iv3 economische categorie; null when no categories version covers the year. */
  readonly code: string | null;
  readonly name: string;
  /** Lasten only: which of the six economic groups it belongs to. */
  readonly group: EconomicGroup | null;
  readonly amount: string;
  /** The code depends on who the counterparty is (a default, see config/iv3-categories.json). */
  readonly judgement: boolean;
  /** The ledger's kinds behind the cell. */
  readonly kinds: readonly { readonly kind: string; readonly amount: string }[];
}

export interface Iv3Row {
  readonly taakveld: string;
  /** As the catalogue in force for the year names it; null for a taakveld it does not list. */
  readonly name: string | null;
  readonly known: boolean;
  readonly budgets: readonly string[];
  readonly lasten: string;
  readonly baten: string;
  /** baten − lasten. */
  readonly saldo: string;
  readonly lastenByCategory: readonly Iv3Cell[];
  readonly batenByCategory: readonly Iv3Cell[];
}

export interface Iv3Reconciliation {
  /** The party's own view (GET /v1/parties/{id}/spending), realised, for the year. */
  readonly ownViewRealised: string;
  readonly matrixLasten: string;
  /** matrixLasten − ownViewRealised: 0.00 when the matrix accounts for every cent. */
  readonly difference: string;
  readonly reconciles: boolean;
  readonly byKind: readonly { readonly kind: SpendingKind; readonly ownView: string; readonly matrix: string }[];
}

export interface Iv3Matrix extends AnswerCut {
  readonly partyId: string;
  readonly name: string | null;
  readonly year: number;
  readonly view: 'own';
  /** Lasten and baten are what was paid and received (realised). */
  readonly measure: 'realised';
  readonly catalogue: { readonly id: string; readonly source: string } | null;
  readonly categories: { readonly id: string; readonly source: string } | null;
  readonly rows: readonly Iv3Row[];
  readonly totals: {
    readonly lasten: string;
    readonly baten: string;
    readonly saldo: string;
    readonly lastenByGroup: readonly { readonly group: EconomicGroup; readonly amount: string }[];
    readonly lastenByCategory: readonly Iv3Cell[];
    readonly batenByCategory: readonly Iv3Cell[];
  };
  /**
   * What the party's budgets hold that is neither lasten nor baten here. specificGrantsHeld: what
   * specific grants brought in this year less what of them was spent (negative: more was spent
   * than came in, from what was held at the start).
   */
  readonly notInMatrix: { readonly ownMeans: string; readonly betweenOwnBudgets: string; readonly specificGrantsHeld: string };
  /** Per specific grant: held at the start of the year, received, spent (its baten), held at the end. */
  readonly specificGrants: readonly SpecificGrantBalance[];
  /** Budgets whose taakveld the year's catalogue does not list: each is a finding (taakveld-unknown). */
  readonly unknownTaakvelden: readonly { readonly budgetId: string; readonly taakveld: string; readonly findingId: string }[];
  readonly reconciliation: Iv3Reconciliation;
}

/** A line of the matrix: an amount, the ledger kind it is of, and where it goes. */
interface Classified {
  readonly taakveld: string;
  readonly side: 'lasten' | 'baten';
  readonly ledgerKind: CostKind | FundingKind;
  readonly spendingKind: SpendingKind | null;
  readonly cents: number;
}

export function iv3Matrix(reader: LedgerReader, partyId: string, year: number, cut: Cut, rules: ReportRules): Iv3Matrix | undefined {
  const party = reader.party(partyId, cut);
  if (!party) return undefined;
  const owned = ownBudgets(reader, partyId, cut);
  const budgets = owned.filter((b) => b.fiscalYear === year);
  const books = ownBooks(reader, partyId, budgets, cut);
  const specific = specificSources(partyId, new Set(owned.map((b) => b.budgetId)));
  const kindOf = (id: string | null): PartyKind | '' => (id === null ? '' : (reader.party(id, cut)?.kind ?? ''));
  const lines: Classified[] = [
    ...books.lasten.map((l) => lastenLine(l, kindOf(l.counterpartyId))),
    ...books.baten.map((b) => batenLine(b, kindOf(b.counterpartyId), specific)),
    ...books.lasten.flatMap((l) => specificBaten(l, specific, kindOf)),
  ].filter((l) => l.cents !== 0);
  const specificGrants = specificGrantBalances(reader, cut, specific, ownBooks(reader, partyId, owned.filter((b) => b.fiscalYear < year), cut), books);
  const taakvelden = [...new Set(budgets.map((b) => b.taakveld))].sort(compareTaakveld);
  const version = catalogueFor(rules.taakvelden, year);
  const categories = rules.categories.versions.find((v) => year >= v.validFromYear && (v.validToYear === null || year <= v.validToYear));
  const lastenCents = sum(lines.filter((l) => l.side === 'lasten'));
  const batenCents = sum(lines.filter((l) => l.side === 'baten'));
  return {
    partyId,
    name: party.name,
    year,
    view: 'own',
    measure: 'realised',
    catalogue: version ? { id: version.id, source: citation(version.sources[0]) } : null,
    categories: categories ? { id: categories.id, source: citation(categories.sources[0]) } : null,
    rows: taakvelden.map((taakveld) => row(taakveld, budgets.filter((b) => b.taakveld === taakveld).map((b) => b.budgetId), lines.filter((l) => l.taakveld === taakveld), year, rules)),
    totals: {
      lasten: money(lastenCents),
      baten: money(batenCents),
      saldo: money(batenCents - lastenCents),
      lastenByGroup: ECONOMIC_GROUPS.map((group) => ({ group, amount: money(sum(lines.filter((l) => l.side === 'lasten' && groupOf(l.ledgerKind as CostKind) === group))) })),
      lastenByCategory: cells(lines.filter((l) => l.side === 'lasten'), year, rules),
      batenByCategory: cells(lines.filter((l) => l.side === 'baten'), year, rules),
    },
    notInMatrix: {
      ownMeans: money(books.ownMeansCents),
      betweenOwnBudgets: money(books.betweenOwnBudgetsCents),
      specificGrantsHeld: money(specificGrants.heldCents),
    },
    specificGrants: specificGrants.balances,
    unknownTaakvelden: budgets
      .filter((b) => !taakveldFor(rules.taakvelden, b.taakveld, year))
      .map((b) => ({ budgetId: b.budgetId, taakveld: b.taakveld, findingId: `taakveld-unknown:${b.budgetId}` })),
    reconciliation: reconcile(reader, partyId, year, cut, lines),
    ...answerCut(cut),
  };
}

function row(taakveld: string, budgetIds: string[], lines: readonly Classified[], year: number, rules: ReportRules): Iv3Row {
  const named = taakveldFor(rules.taakvelden, taakveld, year);
  const [lasten, baten] = [sum(lines.filter((l) => l.side === 'lasten')), sum(lines.filter((l) => l.side === 'baten'))];
  return {
    taakveld,
    name: named?.name ?? null,
    known: named !== undefined,
    budgets: budgetIds.sort(),
    lasten: money(lasten),
    baten: money(baten),
    saldo: money(baten - lasten),
    lastenByCategory: cells(lines.filter((l) => l.side === 'lasten'), year, rules),
    batenByCategory: cells(lines.filter((l) => l.side === 'baten'), year, rules),
  };
}

/**
 * Lines added up per Iv3 category (and, for lasten, economic group: 3.8 holds purchases and other
 * costs), in code order; a kind no categories version maps is a cell of its own, never dropped.
 */
function cells(lines: readonly Classified[], year: number, rules: ReportRules): Iv3Cell[] {
  const byCode = new Map<string, { category: ReturnType<typeof categoryFor>; lines: Classified[] }>();
  for (const line of lines) {
    const category = categoryFor(rules.categories, line.ledgerKind, year);
    const group = line.side === 'lasten' ? groupOf(line.ledgerKind as CostKind) : '';
    const key = `${category?.code ?? `?${line.ledgerKind}`}|${group}`;
    const entry = byCode.get(key) ?? { category, lines: [] };
    entry.lines.push(line);
    byCode.set(key, entry);
  }
  return [...byCode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { category, lines: of }]) => {
      const kinds = [...new Set(of.map((l) => l.ledgerKind))].sort();
      return {
        code: category?.code ?? null,
        name: category?.name ?? `no Iv3 category for ${of[0].ledgerKind} in ${year}`,
        group: of[0].side === 'lasten' ? groupOf(of[0].ledgerKind as CostKind) : null,
        amount: money(sum(of)),
        judgement: of.some((l) => categoryFor(rules.categories, l.ledgerKind, year)?.judgement ?? true),
        kinds: kinds.map((kind) => ({ kind, amount: money(sum(of.filter((l) => l.ledgerKind === kind))) })),
      };
    });
}

/** The matrix's lasten beside the party's own view, kind by kind: the same books, every cent placed. */
function reconcile(reader: LedgerReader, partyId: string, year: number, cut: Cut, lines: readonly Classified[]): Iv3Reconciliation {
  const own = partySpending(reader, partyId, cut, { year })?.years.find((y) => y.year === year);
  const cents = (amount: string | undefined): number => {
    const parsed = parseMoney(amount ?? '0.00', { allowNegative: true });
    if (!parsed.ok) throw new Error(`not an amount: ${amount}`);
    return parsed.cents;
  };
  const lasten = lines.filter((l) => l.side === 'lasten');
  const matrixCents = sum(lasten);
  const ownCents = cents(own?.realised);
  return {
    ownViewRealised: money(ownCents),
    matrixLasten: money(matrixCents),
    difference: money(matrixCents - ownCents),
    reconciles: matrixCents === ownCents,
    byKind: SPENDING_KINDS.map((kind) => ({ kind, ownView: money(cents(own?.byKind[kind].realised)), matrix: money(sum(lasten.filter((l) => l.spendingKind === kind))) })),
  };
}

function lastenLine(line: LastenLine, counterpartyKind: PartyKind | ''): Classified {
  return { taakveld: line.budget.taakveld, side: 'lasten', ledgerKind: costKindOf(line.kind, counterpartyKind), spendingKind: line.kind, cents: line.realisedCents };
}

/** What came in, but a specific grant of the party's (baten when spent, below). */
function batenLine(line: BatenLine, counterpartyKind: PartyKind | '', specific: SpecificSource): Classified {
  const heldCents = [...specificOf(line.funders, specific).values()].reduce((total, cents) => total + cents, 0);
  return { taakveld: line.budget.taakveld, side: 'baten', ledgerKind: fundingKindOf(counterpartyKind), spendingKind: null, cents: line.amountCents - heldCents };
}

/** A specific grant's baten: what a line of lasten was paid from it, on that line's taakveld, by funder. */
function specificBaten(line: LastenLine, specific: SpecificSource, kindOf: (id: string) => PartyKind | ''): Classified[] {
  return [...specificOf(line.funders, specific)].map(([key, cents]) => ({
    taakveld: line.budget.taakveld,
    side: 'baten',
    ledgerKind: fundingKindOf(kindOf(specific(key)!.funderPartyId)),
    spendingKind: null,
    cents,
  }));
}

/**
 * The ledger's kind of cost in the categories' words. A grant or a contribution goes by who
 * receives it: a company's subsidy is 4.2, a foundation's 4.3.8, a joint arrangement's 4.3.3, a
 * municipality's (or a region's, run by its centrumgemeente) 4.3.2.
 */
export function costKindOf(kind: SpendingKind, counterpartyKind: PartyKind | ''): CostKind {
  switch (kind) {
    case 'personnel':
      return 'own-staff';
    case 'hired-staff':
      return 'hired-staff';
    case 'operating':
      return 'goods-and-services';
    case 'purchase':
      return 'trajectory-purchase';
    case 'wage-cost-subsidy':
      return 'wage-cost-subsidy';
    case 'other':
      return 'other';
    case 'grant':
    case 'contribution':
      return transferKindOf(kind, counterpartyKind);
  }
}

function transferKindOf(kind: 'grant' | 'contribution', counterpartyKind: PartyKind | ''): CostKind {
  switch (counterpartyKind) {
    case 'company':
      return 'subsidy-to-company';
    case 'foundation':
      return 'subsidy-to-institution';
    case 'municipality':
    case 'region':
      return 'contribution-to-municipality';
    case 'joint-arrangement':
      return 'contribution-to-joint-arrangement';
    case 'central-government':
    // Several recipients the ledger does not name one by one: no one kind of counterparty to place it by.
    case 'collective':
      return 'other';
    case '':
      return kind === 'grant' ? 'subsidy-to-institution' : 'contribution-to-joint-arrangement';
  }
}

/** Baten by who the money came from; an arbeidsmarktregio counts as another government body. */
export function fundingKindOf(counterpartyKind: PartyKind | ''): FundingKind {
  switch (counterpartyKind) {
    case 'central-government':
      return 'rijk-specific-grant';
    case 'municipality':
      return 'from-municipality';
    case 'region':
      return 'from-other-government';
    case 'joint-arrangement':
      return 'from-joint-arrangement';
    case 'foundation':
    case 'company':
    case 'collective':
    case '':
      return 'from-others';
  }
}

export function groupOf(kind: CostKind): EconomicGroup {
  switch (kind) {
    case 'own-staff':
      return 'own-staff';
    case 'hired-staff':
      return 'hired-staff';
    case 'goods-and-services':
    case 'trajectory-purchase':
      return 'purchases';
    case 'subsidy-to-company':
    case 'subsidy-to-institution':
    case 'grant-to-household':
    case 'social-benefit-cash':
    case 'social-benefit-in-kind':
    case 'wage-cost-subsidy':
      return 'subsidies-and-grants';
    case 'contribution-to-joint-arrangement':
    case 'contribution-to-municipality':
      return 'contributions';
    case 'other':
      return 'other';
  }
}

function sum(lines: readonly Classified[]): number {
  return lines.reduce((total, line) => total + line.cents, 0);
}
