// A party: who funds it and in what shares, per year (what flowed into its own budgets, and the
// payments it received, by ultimate funder), and its own view of what it spent: every kind of cost
// per taakveld, its contributions to other parties, and what it moved between its own budgets (not
// lasten). A joint arrangement's page answers "which organisations fund WSP Parkstad, and in what
// shares?". The reports filed about the party are pages of their own, linked from here.
import { getJson } from '../api';
import { SPENDING_KINDS_NL } from '@geldstroom/projections/vocabulary/nl';
import { exportButtons, sinceSection, yearSelect } from '../controls';
import { h, table } from '../dom';
import { evidenceStreams, findingsAbout, findingsSection } from '../findings';
import { euro, percent } from '../format';
import { cutParams, num, orNotKnown, pageHead, section, type Page } from '../page';
import type { Params } from '../api';
import { partyNav } from '../party-nav';
import { href } from '../router';
import { taakveldLabel, taakveldNames } from '../taakvelden';
import type { BudgetEntry, Catalogue, PartyAmount, PartyFunding, PartySpending, SpendingFigures, SpendingYear } from '../types';
import { KIND_NL } from './overview';

export const partyPage: Page = (context) => {
  const id = context.route.path[1] ?? '';
  return orNotKnown('Partij', id, context.asOf, async () => {
    const cut = cutParams(context);
    const params = { ...cut, year: context.year };
    const [funding, spending, budgets] = await Promise.all([
      getJson<PartyFunding>(`/v1/parties/${encodeURIComponent(id)}/funding`, params),
      getJson<PartySpending>(`/v1/parties/${encodeURIComponent(id)}/spending`, { ...params, explain: true }),
      getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf: context.asOf }),
    ]);
    const own = budgets.entries.filter((b) => b.ownerPartyId === id);
    const names = new Map(await Promise.all(spending.years.map(async (y) => [y.year, await taakveldNames(y.year)] as const)));
    const budgetNames = new Map(budgets.entries.map((b) => [b.budgetId, b.name]));
    const findings = await findingsAbout([`party-${id}`, ...own.map((b) => `budget-${b.budgetId}`), ...evidenceStreams(spending.evidence)], cut);
    const content = h(
      'article',
      { class: 'party' },
      pageHead(
        'Partij',
        funding.name ?? funding.partyId,
        h('span', {}, funding.kind ? (KIND_NL[funding.kind] ?? funding.kind) : '', ' · ', h('a', { href: href(['providers', funding.partyId]) }, 'besteding bij deze partij')),
        yearSelect(budgets.entries.map((b) => b.fiscalYear), context.year),
      ),
      partyNav(id, 'party'),
      section(
        'Wie financiert deze partij',
        exportButtons('party-funding', { ...params, id }),
        funding.years.length === 0 ? h('p', { class: 'empty' }, 'Geen begrotingen of ontvangen betalingen bekend.') : null,
        ...funding.years.flatMap((year) => [
          h('h3', {}, String(year.year)),
          fundersTable(`In de eigen begrotingen (${euro(year.intoBudgets.total)})`, year.intoBudgets.funders, `funding-${year.year}`),
          year.received.total !== '0.00' ? fundersTable(`Ontvangen betalingen, naar uiteindelijke financier (${euro(year.received.total)})`, year.received.funders, `received-${year.year}`) : null,
          year.received.directPayers.length > 0 ? fundersTable('Ontvangen betalingen, naar wie betaalde', year.received.directPayers, `payers-${year.year}`) : null,
        ]),
      ),
      spendingSection(spending, names, budgetNames, params, id),
      sinceSection('party-spending', id, context.year),
      findingsSection(findings),
    );
    return { title: funding.name ?? funding.partyId, content, journal: funding.journal };
  });
};

function fundersTable(caption: string, amounts: readonly PartyAmount[], testId: string): HTMLElement {
  if (amounts.length === 0) return h('p', { class: 'empty' }, `${caption}: niets.`);
  return table(caption, ['Financier', 'Bedrag', 'Aandeel'], amounts.map((f) => [h('a', { href: href(['parties', f.partyId]) }, f.name ?? f.partyId), num(euro(f.amount)), num(percent(f.share))]), { 'data-testid': testId });
}

type Names = ReadonlyMap<number, ReadonlyMap<string, string>>;

/** The party's own view, year by year: its lasten by kind and taakveld, its contributions, and what stayed its own. */
function spendingSection(spending: PartySpending, names: Names, budgetNames: ReadonlyMap<string, string>, params: Params, id: string): HTMLElement {
  return section(
    'Besteding: het eigen overzicht',
    h('p', { class: 'hint' }, 'De lasten van deze partij: wat haar eigen begrotingen verlieten als subsidie, inkoop of uitgave, en wat zij overhevelde naar begrotingen van andere partijen (een bijdrage). Overhevelingen tussen haar eigen begrotingen zijn geen lasten. Een betaling telt in het begrotingsjaar van de begroting waarop zij drukt.'),
    exportButtons('party-spending', { ...params, id }),
    spending.years.length === 0 ? h('p', { class: 'empty' }, 'Deze partij heeft geen eigen begrotingen.') : null,
    ...spending.years.flatMap((year) => yearOfSpending(year, names.get(year.year) ?? new Map(), budgetNames)),
  );
}

const FIGURES = ['Verplicht', 'Obligo', 'Gerealiseerd'];
const figureCells = (f: SpendingFigures) => [num(euro(f.committed)), num(euro(f.obligo)), num(euro(f.realised))];
const hasFigures = (f: SpendingFigures) => f.committed !== '0.00' || f.realised !== '0.00';

function yearOfSpending(year: SpendingYear, names: ReadonlyMap<string, string>, budgetNames: ReadonlyMap<string, string>): Node[] {
  const kinds = Object.entries(SPENDING_KINDS_NL) as [keyof typeof SPENDING_KINDS_NL, string][];
  // A node has one place in the document: each table gets its own total row.
  const total = (...between: string[]) => [h('strong', {}, 'Totaal lasten'), ...between, ...figureCells(year)];
  return [
    h('h3', {}, `Begrotingsjaar ${year.year}`),
    // Every kind of cost, also those without any: a reader sees there were none.
    table(`Per soort (${year.year})`, ['Soort', ...FIGURES], [...kinds.map(([kind, label]) => [label, ...figureCells(year.byKind[kind])]), total()], { 'data-testid': `spending-kinds-${year.year}` }),
    table(
      `Per taakveld en soort (${year.year})`,
      ['Taakveld', 'Soort', ...FIGURES],
      [
        ...year.byTaakveld.flatMap((t) => [
          ...kinds.filter(([kind]) => hasFigures(t.byKind[kind])).map(([kind, label], i) => [i === 0 ? taakveldLabel(t.taakveld, names) : '', label, ...figureCells(t.byKind[kind])]),
          [hasFigures(t) ? '' : taakveldLabel(t.taakveld, names), h('em', {}, hasFigures(t) ? `totaal ${t.taakveld}` : 'geen lasten'), ...figureCells(t)],
        ]),
        total(''),
      ],
      { 'data-testid': `spending-${year.year}` },
    ),
    year.contributions.length === 0
      ? h('p', { class: 'hint' }, 'Geen bijdragen aan andere partijen.')
      : table(
          `Bijdragen aan andere partijen (${year.year})`,
          ['Aan', 'Uit begroting', 'Hoe', 'Verplicht', 'Gerealiseerd'],
          year.contributions.map((c) => [
            c.partyId ? h('a', { href: href(['parties', c.partyId]) }, c.name ?? c.partyId) : 'onbekend',
            h('a', { href: href(['budgets', c.budgetId]) }, budgetNames.get(c.budgetId) ?? c.budgetId),
            c.via === 'transfer' ? `overheveling naar ${c.toBudgetId ? (budgetNames.get(c.toBudgetId) ?? c.toBudgetId) : 'hun begroting'}` : 'uitgave',
            num(euro(c.committed)),
            num(euro(c.realised)),
          ]),
          { 'data-testid': `contributions-${year.year}` },
        ),
    h('p', { 'data-testid': `between-own-${year.year}` }, 'Tussen eigen begrotingen overgeheveld (geen lasten): ', h('span', { class: 'nowrap' }, euro(year.betweenOwnBudgets))),
  ];
}
