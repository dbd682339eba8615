// What the search box found: programmes, budgets and parties whose name or id holds the words.
import { getJson } from '../api';
import { h } from '../dom';
import { pageHead, section, type Page } from '../page';
import { href } from '../router';
import type { SearchAnswer, SearchResult } from '../types';
import { KIND_NL } from './overview';

const KIND_HEADING: Record<SearchResult['kind'], string> = { programme: "Programma's", budget: 'Begrotingen', party: 'Partijen en aanbieders' };

export const searchPage: Page = async ({ route, asOf }) => {
  const q = (route.query.get('q') ?? '').trim();
  if (q.length < 2) return { title: 'Zoeken', content: h('article', {}, pageHead('Zoeken', 'Zoeken', 'Typ ten minste twee tekens van een naam.')) };
  const answer = await getJson<SearchAnswer>('/v1/search', { q, asOf });
  const groups = (['programme', 'budget', 'party'] as const).map((kind) => [kind, answer.results.filter((r) => r.kind === kind)] as const).filter(([, results]) => results.length > 0);
  const content = h(
    'article',
    { class: 'search-results' },
    pageHead('Zoeken', `Gevonden voor ‘${q}’`, answer.results.length === 0 ? 'Niets gevonden. Zoek op een deel van de naam, of op de code (id).' : `${answer.results.length}${answer.truncated ? '+' : ''} resultaten`),
    ...groups.map(([kind, results]) => section(KIND_HEADING[kind], h('ul', { class: 'results', 'data-testid': `results-${kind}` }, ...results.map(resultItem)))),
  );
  return { title: `Zoeken: ${q}`, content, journal: answer.journal };
};

function resultItem(result: SearchResult): HTMLElement {
  const page = result.kind === 'programme' ? 'programmes' : result.kind === 'budget' ? 'budgets' : 'parties';
  return h(
    'li',
    {},
    h('a', { href: href([page, result.id]) }, result.name),
    ' ',
    h('span', { class: 'hint' }, result.kind === 'party' ? (KIND_NL[result.detail] ?? result.detail) : result.detail),
    ...(result.provider ? [' · ', h('a', { href: href(['providers', result.id]) }, 'besteding')] : []),
  );
}
