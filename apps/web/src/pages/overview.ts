// The overview: which programmes, budgets and parties the ledger knew as of then, each a link to
// its page; budgets with their taakveld's name, parties marked when they are a provider.
import { PARTY_KINDS_NL } from '@geldstroom/projections/vocabulary/nl';
import { getJson } from '../api';
import { h, table } from '../dom';
import { dateNl } from '../format';
import { describeAsOf, section, type Page } from '../page';
import { href } from '../router';
import { taakveldLabel, taakveldNames } from '../taakvelden';
import type { BudgetEntry, Catalogue, PartyEntry, ProgrammeEntry } from '../types';

export const KIND_NL = PARTY_KINDS_NL as Readonly<Record<string, string>>;

export const overviewPage: Page = async ({ asOf }) => {
  const [programmes, budgets, parties] = await Promise.all([
    getJson<Catalogue<ProgrammeEntry>>('/v1/programmes', { asOf }),
    getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf }),
    getJson<Catalogue<PartyEntry>>('/v1/parties', { asOf }),
  ]);
  const years = [...new Set(budgets.entries.map((b) => b.fiscalYear))];
  const names = new Map(await Promise.all(years.map(async (year) => [year, await taakveldNames(year)] as const)));
  const empty = (what: string) => h('p', { class: 'empty' }, `Geen ${what} bekend ${describeAsOf(asOf)}.`);
  const cut = (list: Catalogue<unknown>) => (list.truncated ? h('p', { class: 'hint' }, 'De lijst is ingekort tot de eerste 1.000; zoek op naam voor de rest.') : null);

  const content = h(
    'div',
    { class: 'overview' },
    h('h1', {}, 'Overzicht'),
    section(
      "Programma's",
      programmes.entries.length === 0
        ? empty("programma's")
        : table(
            null,
            ['Programma', 'Eigenaar', 'Gestart', 'Status'],
            programmes.entries.map((p) => [
              h('a', { href: href(['programmes', p.programmeId]) }, p.name),
              p.ownerName ?? p.ownerPartyId,
              dateNl(p.launchedOn),
              h('span', { class: `badge badge-${p.status}` }, p.status === 'ended' ? 'beëindigd' : 'loopt'),
            ]),
            { 'data-testid': 'programmes' },
          ),
      cut(programmes),
    ),
    section(
      'Begrotingen',
      budgets.entries.length === 0
        ? empty('begrotingen')
        : table(
            null,
            ['Begroting', 'Eigenaar', 'Jaar', 'Taakveld'],
            budgets.entries.map((b) => [
              h('a', { href: href(['budgets', b.budgetId]) }, b.name),
              b.ownerName ?? b.ownerPartyId,
              String(b.fiscalYear),
              taakveldLabel(b.taakveld, names.get(b.fiscalYear) ?? new Map()),
            ]),
            { 'data-testid': 'budgets' },
          ),
      cut(budgets),
    ),
    section(
      'Partijen en aanbieders',
      parties.entries.length === 0
        ? empty('partijen')
        : table(
            null,
            ['Partij', 'Soort', 'Aanbieder'],
            parties.entries.map((p) => [
              h('a', { href: href(['parties', p.partyId]) }, p.name),
              KIND_NL[p.kind] ?? p.kind,
              p.provider ? h('a', { href: href(['providers', p.partyId]), 'aria-label': `Besteding bij ${p.name}` }, 'besteding') : '',
            ]),
            { 'data-testid': 'parties' },
          ),
      cut(parties),
    ),
  );
  return { title: 'Overzicht', content, journal: programmes.journal };
};
