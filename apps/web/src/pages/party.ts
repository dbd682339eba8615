// A party: who funds it and in what shares, per year (what flowed into its own budgets, and the
// payments it received, by ultimate funder), and what its budgets spent per taakveld and kind.
// A joint arrangement's page answers "which organisations fund WSP Parkstad, and in what shares?".
import { getJson } from '../api';
import { exportButtons, yearSelect } from '../controls';
import { h, table } from '../dom';
import { evidenceStreams, findingsAbout, findingsSection } from '../findings';
import { euro, percent } from '../format';
import { cutParams, num, orNotKnown, pageHead, section, type Page } from '../page';
import { href } from '../router';
import { taakveldLabel, taakveldNames } from '../taakvelden';
import type { BudgetEntry, Catalogue, PartyAmount, PartyFunding, PartySpending } from '../types';
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
      section(
        'Besteding per taakveld en soort',
        exportButtons('party-spending', { ...params, id }),
        spending.years.length === 0 ? h('p', { class: 'empty' }, 'Deze partij heeft geen eigen begrotingen.') : null,
        ...spending.years.map((year) =>
          table(
            `Begrotingsjaar ${year.year}`,
            ['Taakveld', 'Soort', 'Verplicht', 'Obligo', 'Gerealiseerd'],
            [
              ...year.byTaakveld.flatMap((t) => [
                [taakveldLabel(t.taakveld, names.get(year.year) ?? new Map()), 'subsidies', num(euro(t.grants.committed)), num(euro(t.grants.obligo)), num(euro(t.grants.realised))],
                ['', 'inkoop', num(euro(t.purchases.committed)), num(euro(t.purchases.obligo)), num(euro(t.purchases.realised))],
              ]),
              [h('strong', {}, 'Totaal'), '', num(euro(year.committed)), num(euro(year.obligo)), num(euro(year.realised))],
            ],
            { 'data-testid': `spending-${year.year}` },
          ),
        ),
      ),
      findingsSection(findings),
    );
    return { title: funding.name ?? funding.partyId, content, journal: funding.journal };
  });
};

function fundersTable(caption: string, amounts: readonly PartyAmount[], testId: string): HTMLElement {
  if (amounts.length === 0) return h('p', { class: 'empty' }, `${caption}: niets.`);
  return table(caption, ['Financier', 'Bedrag', 'Aandeel'], amounts.map((f) => [h('a', { href: href(['parties', f.partyId]) }, f.name ?? f.partyId), num(euro(f.amount)), num(percent(f.share))]), { 'data-testid': testId });
}
