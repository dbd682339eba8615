// What a party's pages share: the links between its page and the reports a municipality files
// about it (Iv3, accountability per outside funding, rechtmatigheid), and the fiscal year those
// reports of one year are for.
import { h } from './dom';
import type { PageContext } from './page';
import { href } from './router';

export type PartyView = 'party' | 'iv3' | 'funding-accountability' | 'rechtmatigheid';

const VIEWS: readonly { readonly view: PartyView; readonly label: string; readonly path: readonly string[] }[] = [
  { view: 'party', label: 'Financiering en besteding', path: [] },
  { view: 'iv3', label: 'Iv3-matrix', path: ['iv3'] },
  { view: 'funding-accountability', label: 'Verantwoording per financiering (SiSa)', path: ['funding-accountability'] },
  { view: 'rechtmatigheid', label: 'Rechtmatigheid', path: ['rechtmatigheid'] },
];

/** The party's pages, the current one marked; the dates and year travel along. */
export function partyNav(partyId: string, current: PartyView): HTMLElement {
  return h(
    'nav',
    { class: 'subnav no-print', 'aria-label': 'Rapportages van deze partij', 'data-testid': 'party-nav' },
    ...VIEWS.map(({ view, label, path }) => h('a', { href: href(['parties', partyId, ...path]), 'aria-current': view === current ? 'page' : undefined }, label)),
  );
}

/**
 * The fiscal year of a report of one year: the one in the address, or else the latest year the
 * party has a budget in (this year when it has none), so the page always answers something.
 */
export function reportYear(context: PageContext, budgetYears: readonly number[]): number {
  if (context.year !== null) return context.year;
  return budgetYears.length > 0 ? Math.max(...budgetYears) : new Date().getFullYear();
}
