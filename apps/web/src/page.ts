// What every page gives the shell, and the pieces pages share.
import { ApiProblem } from './api';
import { h } from './dom';
import { dateNl, shortHash } from './format';
import type { Route } from './router';
import type { JournalCut } from './types';

export interface PageContext {
  readonly route: Route;
  /** A date, an instant or a journal position; null: the ledger as it is now. */
  readonly asOf: string | null;
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
      h('h2', {}, `${what} ‘${id}’ is niet bekend ${describeAsOf(asOf)}`),
      h(
        'p',
        {},
        asOf
          ? 'Het grootboek kende het toen nog niet: het is later vastgelegd. Kies een latere peildatum, of ‘Vandaag’ voor de stand van nu.'
          : 'Het grootboek kent het niet. Controleer de naam, of kies het in het overzicht.',
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

export function cutNote(journal: JournalCut): HTMLElement {
  return h(
    'p',
    { class: 'cut-note', 'data-testid': 'cut-note' },
    `Berekend op journaalpositie ${journal.position} (${journal.treeSize} gebeurtenissen), boomhoofd `,
    h('code', { title: journal.rootHash }, shortHash(journal.rootHash)),
  );
}

export function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children);
}

export const num = (text: string): HTMLElement => h('span', { class: 'num' }, text);
