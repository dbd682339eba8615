// A provider (a supplier, a grant recipient, a payee): per year its contracts and their ceilings,
// the trajectories bought, and what was committed, invoiced and paid, the grants it received, and
// the expenses paid to it by kind (hired staff, operating costs, ...); one year or all, and the
// findings about it.
import { EXPENSE_KINDS_NL } from '@geldstroom/projections/vocabulary/nl';
import { getJson } from '../api';
import { bars, COLOURS, type BarRow } from '../charts';
import { exportButtons, yearSelect } from '../controls';
import { h, table } from '../dom';
import { evidenceStreams, findingsAbout, findingsSection } from '../findings';
import { cents, count, dateNl, euro } from '../format';
import { cutParams, num, orNotKnown, pageHead, section, type Page } from '../page';
import { href } from '../router';
import type { BudgetEntry, Catalogue, ProviderSpend } from '../types';
import { KIND_NL } from './overview';

const COMMITTED = 'Ingekocht (verplicht)';
const INVOICED = 'Gefactureerd';
const PAID = 'Betaald';
const GRANTS = 'Subsidie betaald';
const EXPENSES = 'Uitgaven betaald';

export const providerPage: Page = (context) => {
  const id = context.route.path[1] ?? '';
  return orNotKnown('Aanbieder', id, context.asOf, async () => {
    const cut = cutParams(context);
    const [spend, budgets] = await Promise.all([
      getJson<ProviderSpend>(`/v1/providers/${encodeURIComponent(id)}/spend`, { ...cut, year: context.year, explain: true }),
      getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf: context.asOf }),
    ]);
    const streams = [`party-${id}`, ...spend.years.flatMap((y) => y.contracts.map((c) => `contract-${c.contractId}`)), ...evidenceStreams(spend.evidence)];
    const findings = await findingsAbout(streams, cut);
    const chart = h('div', { class: 'chart chart-bars', role: 'img', 'aria-label': 'Inkoop en betalingen per jaar; de cijfers staan in de tabellen eronder' });
    const rows: BarRow[] = spend.years.map((y) => ({
      label: String(y.year),
      values: { [COMMITTED]: y.purchases.committed, [INVOICED]: y.purchases.invoiced, [PAID]: y.purchases.paid, [GRANTS]: y.grants.paid, [EXPENSES]: y.expenses.paid },
    }));
    const content = h(
      'article',
      { class: 'provider' },
      pageHead(
        'Aanbieder',
        spend.name ?? spend.partyId,
        h('span', {}, spend.kind ? (KIND_NL[spend.kind] ?? spend.kind) : '', ' · ', h('a', { href: href(['parties', spend.partyId]) }, 'wie financiert deze partij')),
        yearSelect(budgets.entries.map((b) => b.fiscalYear), context.year),
        exportButtons('provider-spend', { ...cut, id: spend.partyId, year: context.year }),
      ),
      spend.years.length === 0 ? h('p', { class: 'empty' }, 'Geen contracten, inkoop, subsidies of uitgaven bekend.') : section('Per jaar', chart),
      ...spend.years.map(yearSection),
      findingsSection(findings),
    );
    return {
      title: spend.name ?? spend.partyId,
      content,
      journal: spend.journal,
      afterShow: () => {
        // A kind of money this provider never had would be an empty bar in every year.
        const series = [
          { name: COMMITTED, colour: COLOURS.allocated },
          { name: INVOICED, colour: COLOURS.committed },
          { name: PAID, colour: COLOURS.realised },
          { name: GRANTS, colour: COLOURS.funder },
          { name: EXPENSES, colour: COLOURS.budget },
        ].filter((s) => rows.some((r) => r.values[s.name] !== '0.00'));
        if (rows.length > 0 && series.length > 0) bars(chart, rows, series);
      },
    };
  });
};

type Year = ProviderSpend['years'][number];

function yearSection(year: Year): HTMLElement {
  return section(
    String(year.year),
    hasPurchases(year) ? purchasesTable(year) : null,
    year.contracts.length === 0
      ? h('p', { class: 'hint' }, 'Geen contract met deze aanbieder dat in dit jaar liep.')
      : table(
          'Contracten',
          ['Contract', 'Procedure', 'Looptijd', 'Plafond', 'Afgeroepen dit jaar'],
          year.contracts.map((c) => {
            const above = cents(c.calledOff) > cents(c.ceiling);
            return [
              h('code', {}, c.contractId),
              c.procedure,
              `${dateNl(c.termStart)} – ${dateNl(c.termEnd)}${c.endedOn ? ` (beëindigd ${dateNl(c.endedOn)})` : ''}`,
              num(`${euro(c.ceiling)}${c.ceiling !== c.awardedCeiling ? ` (gegund ${euro(c.awardedCeiling)})` : ''}`),
              above ? h('span', { class: 'num overrun' }, `⚠ ${euro(c.calledOff)} boven plafond`) : num(euro(c.calledOff)),
            ];
          }),
        ),
    hasGrants(year)
      ? table('Subsidies', ['Verleend', 'Bedrag verleend', 'Betaald', 'Teruggevorderd'], [[num(count(year.grants.count)), num(euro(year.grants.awarded)), num(euro(year.grants.paid)), num(euro(year.grants.reclaimed))]], {
          'data-testid': `grants-${year.year}`,
        })
      : null,
    hasExpenses(year) ? expensesTable(year) : null,
  );
}

const hasGrants = (year: Year) => year.grants.count > 0 || year.grants.paid !== '0.00';
const hasExpenses = (year: Year) => Object.keys(year.expenses.byKind).length > 0 || [year.expenses.committed, year.expenses.invoiced, year.expenses.paid].some((a) => a !== '0.00');
/** Orders, or a contract that may be called off: else a year of only grants or expenses would show an empty order table. */
const hasPurchases = (year: Year) =>
  year.purchases.count > 0 || year.contracts.length > 0 || [year.purchases.committed, year.purchases.invoiced, year.purchases.paid].some((a) => a !== '0.00') || (!hasGrants(year) && !hasExpenses(year));

function purchasesTable(year: Year): HTMLElement {
  return table(
    'Inkoop van trajecten',
    ['Opdrachten', 'Trajecten', COMMITTED, 'Gemiddelde prijs per traject', INVOICED, PAID],
    [
      [
        num(`${count(year.purchases.count)}${year.purchases.cancelled > 0 ? ` (${year.purchases.cancelled} geannuleerd)` : ''}`),
        num(count(year.purchases.trajectories)),
        num(euro(year.purchases.committed)),
        num(year.purchases.averagePricePerTrajectory ? euro(year.purchases.averagePricePerTrajectory) : '—'),
        num(euro(year.purchases.invoiced)),
        num(euro(year.purchases.paid)),
      ],
    ],
    { 'data-testid': `purchases-${year.year}` },
  );
}

/** Each kind of expense the provider had in the year, in the ledger's order, and their total. */
function expensesTable(year: Year): HTMLElement {
  const kinds = (Object.keys(EXPENSE_KINDS_NL) as (keyof typeof EXPENSE_KINDS_NL)[]).flatMap((kind) => {
    const figures = year.expenses.byKind[kind];
    return figures ? [[EXPENSE_KINDS_NL[kind], num(euro(figures.committed)), num(euro(figures.invoiced)), num(euro(figures.paid))]] : [];
  });
  const total = [h('strong', {}, 'Totaal uitgaven'), num(euro(year.expenses.committed)), num(euro(year.expenses.invoiced)), num(euro(year.expenses.paid))];
  return table('Uitgaven', ['Soort', 'Verplicht', INVOICED, PAID], [...kinds, total], { 'data-testid': `expenses-${year.year}` });
}
