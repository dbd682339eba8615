// A provider (a supplier or grant recipient): per year its contracts and their ceilings, the
// trajectories bought, and what was committed, invoiced and paid, and the grants it received;
// one year or all, and the findings about it.
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
      values: { [COMMITTED]: y.purchases.committed, [INVOICED]: y.purchases.invoiced, [PAID]: y.purchases.paid, [GRANTS]: y.grants.paid },
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
      spend.years.length === 0 ? h('p', { class: 'empty' }, 'Geen contracten, inkoop of subsidies bekend.') : section('Per jaar', chart),
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
        ].filter((s) => rows.some((r) => r.values[s.name] !== '0.00'));
        if (rows.length > 0 && series.length > 0) bars(chart, rows, series);
      },
    };
  });
};

function yearSection(year: ProviderSpend['years'][number]): HTMLElement {
  return section(
    String(year.year),
    table(
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
    ),
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
    year.grants.count > 0 || year.grants.paid !== '0.00'
      ? table('Subsidies', ['Verleend', 'Bedrag verleend', 'Betaald', 'Teruggevorderd'], [[num(count(year.grants.count)), num(euro(year.grants.awarded)), num(euro(year.grants.paid)), num(euro(year.grants.reclaimed))]])
      : null,
  );
}
