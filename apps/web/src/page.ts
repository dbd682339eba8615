// What every page gives the shell, and the pieces pages share.
import { ApiProblem, type Params } from './api';
import { h, table } from './dom';
import { dateNl, shortHash } from './format';
import type { Route } from './router';
import type { JournalCut } from './types';

export interface PageContext {
  readonly route: Route;
  /** Stand per: a business date; null for today (everything that has taken effect). */
  readonly on: string | null;
  /** Zoals bekend op: a date, an instant or a journal position; null for now. */
  readonly asOf: string | null;
  /** The fiscal year picked, where figures are per year; null for every year. */
  readonly year: number | null;
}

export interface RenderedPage {
  readonly title: string;
  readonly content: Node;
  /** The journal position and tree head the page's figures were computed at. */
  readonly journal?: JournalCut;
  /** Runs once the content is in the document: charts measure their container. */
  readonly afterShow?: () => void;
}

export type Page = (context: PageContext) => Promise<RenderedPage>;

/** The two times of a question, as the API takes them. */
export function cutParams(context: Pick<PageContext, 'on' | 'asOf'>): Params {
  return { on: context.on, asOf: context.asOf };
}

/** "per 8 juli 2024", "per journaalpositie 15", or "nu". */
export function describeAsOf(asOf: string | null): string {
  if (!asOf) return 'nu';
  if (/^\d+$/.test(asOf)) return `per journaalpositie ${asOf}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return `per ${dateNl(asOf)}`;
  return `per ${asOf}`;
}

/** What a page shows when the ledger did not know the thing asked about as of then. */
export function notKnown(what: string, id: string, asOf: string | null): RenderedPage {
  return {
    title: 'Niet bekend',
    content: h(
      'section',
      { class: 'notice notice-absent', role: 'status', 'data-testid': 'not-known' },
      h('h1', {}, `${what} ‘${id}’ is niet bekend ${describeAsOf(asOf)}`),
      h(
        'p',
        {},
        asOf
          ? 'Het grootboek kende het toen nog niet: het is later vastgelegd. Kies een latere datum bij ‘Zoals bekend op’, of maak dat veld leeg voor de stand van nu.'
          : 'Het grootboek kent het niet. Controleer de naam, of zoek het op.',
      ),
    ),
  };
}

/** Turns "not known as of then" into a page, and passes every other problem on. */
export async function orNotKnown(what: string, id: string, asOf: string | null, render: () => Promise<RenderedPage>): Promise<RenderedPage> {
  try {
    return await render();
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return notKnown(what, id, asOf);
    throw error;
  }
}

/** The tree head the figures rest on: also the footer of a printed page. */
export function cutNote(journal: JournalCut): HTMLElement {
  return h(
    'footer',
    { class: 'cut-note', 'data-testid': 'cut-note' },
    `Berekend op journaalpositie ${journal.position} (${journal.treeSize} gebeurtenissen), boomhoofd `,
    h('code', { class: 'hash-short', title: journal.rootHash }, shortHash(journal.rootHash)),
    h('code', { class: 'hash-full' }, journal.rootHash),
  );
}

export function section(title: string, ...children: (Node | null | false)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

/** The heading of a page: what kind of thing, its name, a line about it, and its actions. */
export function pageHead(kicker: string, title: string, subtitle: Node | string | null, ...actions: (Node | null)[]): HTMLElement {
  return h(
    'header',
    { class: 'page-head' },
    h('div', {}, h('p', { class: 'kicker' }, kicker), h('h1', {}, title), subtitle ? h('p', { class: 'subtitle' }, subtitle) : null),
    actions.some(Boolean) ? h('div', { class: 'page-actions no-print' }, ...actions) : null,
  );
}

export const num = (text: string): HTMLElement => h('span', { class: 'num' }, text);

export { table };
