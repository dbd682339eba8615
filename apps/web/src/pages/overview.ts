// The overview: which programmes, budgets and providers the ledger knew as of then.
import { getJson } from '../api';
import { h, table } from '../dom';
import { dateNl } from '../format';
import { describeAsOf, section, type Page } from '../page';
import { href } from '../router';
import type { BudgetEntry, Catalogue, PartyEntry, ProgrammeEntry } from '../types';

export const KIND_NL: Record<string, string> = {
  municipality: 'gemeente',
  region: 'arbeidsmarktregio',
  'joint-arrangement': 'gemeenschappelijke regeling',
  foundation: 'stichting',
  company: 'bedrijf',
  'central-government': 'Rijk',
};

export const overviewPage: Page = async ({ asOf }) => {
  const [programmes, budgets, parties] = await Promise.all([
    getJson<Catalogue<ProgrammeEntry>>('/v1/programmes', { asOf }),
    getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf }),
    getJson<Catalogue<PartyEntry>>('/v1/parties', { asOf }),
  ]);
  const providers = parties.entries.filter((p) => p.provider);
  const empty = (what: string) => h('p', { class: 'empty' }, `Geen ${what} bekend ${describeAsOf(asOf)}.`);
  const cut = (list: Catalogue<unknown>) => (list.truncated ? h('p', { class: 'hint' }, 'De lijst is ingekort tot de eerste 1.000.') : null);

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
            budgets.entries.map((b) => [h('a', { href: href(['budgets', b.budgetId]) }, b.name), b.ownerName ?? b.ownerPartyId, String(b.fiscalYear), b.taakveld]),
          ),
      cut(budgets),
    ),
    section(
      'Aanbieders',
      providers.length === 0
        ? empty('aanbieders')
        : table(
            null,
            ['Aanbieder', 'Soort'],
            providers.map((p) => [h('a', { href: href(['providers', p.partyId]) }, p.name), KIND_NL[p.kind] ?? p.kind]),
          ),
    ),
  );
  return { title: 'Overzicht', content, journal: programmes.journal };
};
