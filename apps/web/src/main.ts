// The shell: sign-in with an API token, the navigation, the search box, the two dates of every
// question, and the page the hash route names. Every figure comes from the JSON API, as the
// person's own token may see it.
import { ApiProblem, getJson, session } from './api';
import { disposeCharts } from './charts';
import { dateControls, searchForm } from './controls';
import { h } from './dom';
import { dateNl } from './format';
import { cutNote, describeAsOf, type Page, type PageContext, type RenderedPage } from './page';
import { budgetPage } from './pages/budget';
import { changesPage } from './pages/changes';
import { fundingAccountabilityPage } from './pages/funding-accountability';
import { iv3Page } from './pages/iv3';
import { rechtmatigheidPage } from './pages/rechtmatigheid';
import { flowsPage } from './pages/flows';
import { journalPage } from './pages/journal';
import { overviewPage } from './pages/overview';
import { partyPage } from './pages/party';
import { programmePage } from './pages/programme';
import { providerPage } from './pages/provider';
import { searchPage } from './pages/search';
import { asOfOf, currentRoute, href, onOf, withKept, yearOf } from './router';

const PAGES: Record<string, Page> = {
  '': overviewPage,
  programmes: programmePage,
  budgets: budgetPage,
  providers: providerPage,
  parties: partyPage,
  flows: flowsPage,
  journal: journalPage,
  search: searchPage,
  changes: changesPage,
};

/** The reports a municipality files about a party: #/parties/{id}/{report}. */
const PARTY_REPORTS: Record<string, Page> = {
  iv3: iv3Page,
  'funding-accountability': fundingAccountabilityPage,
  rechtmatigheid: rechtmatigheidPage,
};

function pageOf(path: readonly string[]): Page | undefined {
  if (path[0] === 'parties' && path.length > 2) return Object.hasOwn(PARTY_REPORTS, path[2]) && path.length === 3 ? PARTY_REPORTS[path[2]] : undefined;
  return Object.hasOwn(PAGES, path[0] ?? '') ? PAGES[path[0] ?? ''] : undefined;
}

const root = document.getElementById('app')!;
let rendering = 0;

function signInForm(message?: string): HTMLElement {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', placeholder: 'gs_…', required: true });
  const error = h('p', { class: 'error', role: 'alert' }, message ?? '');
  const form = h(
    'form',
    { class: 'sign-in card' },
    h('h1', {}, 'Geldstroom'),
    h('p', {}, 'Het grootboek van re-integratie- en participatiegeld: wat een programma kostte, wie betaalde, en de gebeurtenissen achter elk bedrag.'),
    h('label', { for: 'token' }, 'API-token'),
    input,
    h('p', { class: 'hint' }, 'Het token dat de API bij de eerste start toonde, of een token dat een beheerder voor u maakte. Het blijft alleen in dit tabblad bewaard.'),
    h('button', { type: 'submit' }, 'Inloggen'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    // The digest needs the read role: a token that may read the ledger may use this page.
    getJson('/v1/journal/digest', {}, token)
      .then(() => {
        session.signIn(token);
        void render();
      })
      .catch((problem: unknown) => {
        error.textContent = problem instanceof ApiProblem && problem.status === 401 ? 'Dit token is onbekend of ingetrokken.' : problemText(problem);
      });
  });
  return form;
}

function header(context: PageContext): HTMLElement {
  const section = context.route.path[0] ?? '';
  const link = (label: string, path: string[], current: boolean) => h('a', { href: href(path), 'aria-current': current ? 'page' : undefined }, label);
  return h(
    'header',
    { class: 'no-print' },
    h(
      'div',
      { class: 'top' },
      h('a', { class: 'brand', href: href([]) }, 'Geldstroom'),
      h(
        'nav',
        { 'aria-label': 'Hoofdmenu' },
        link('Overzicht', [], !['journal', 'flows'].includes(section)),
        link('Geldstromen', ['flows'], section === 'flows'),
        link('Journaal', ['journal'], section === 'journal'),
      ),
      searchForm(section === 'search' ? (context.route.query.get('q') ?? '') : ''),
      h('button', { type: 'button', class: 'link sign-out', onclick: () => (session.signOut(), void render()) }, 'Uitloggen'),
    ),
    dateControls(context.on, context.asOf),
  );
}

/** What a date the person picked does to the figures, said above them and printed with them. */
function dateBanners(context: PageContext): HTMLElement | null {
  const notes = [
    context.on
      ? h('p', { 'data-testid': 'on-banner' }, `Stand per ${dateNl(context.on)}: alleen wat uiterlijk op die dag gold, telt mee. `, h('a', { class: 'no-print', href: withKept('on', null) }, 'Naar vandaag'))
      : null,
    context.asOf
      ? h('p', { 'data-testid': 'as-of-banner' }, `Zoals bekend ${describeAsOf(context.asOf)}: wat daarna is vastgelegd, telt niet mee. `, h('a', { class: 'no-print', href: withKept('asOf', null) }, 'Naar wat nu bekend is'))
      : null,
  ].filter((note): note is HTMLParagraphElement => note !== null);
  return notes.length === 0 ? null : h('div', { class: 'date-banner', role: 'note' }, ...notes);
}

function problemText(problem: unknown): string {
  if (problem instanceof ApiProblem) return `${problem.title}${problem.detail && problem.detail !== problem.title ? `: ${problem.detail}` : ''}`;
  return problem instanceof Error ? problem.message : String(problem);
}

const skipLink = () => h('a', { class: 'skip-link', href: '#main', onclick: skipToMain }, 'Naar de inhoud');

/** The skip link moves the focus without touching the hash: the hash is the route. */
function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

async function render(): Promise<void> {
  const turn = ++rendering;
  disposeCharts();
  if (!session.token()) {
    document.title = 'Inloggen – Geldstroom';
    root.replaceChildren(h('main', { id: 'main', class: 'centre', tabindex: -1 }, signInForm()));
    return;
  }
  const route = currentRoute();
  const context: PageContext = { route, on: onOf(route), asOf: asOfOf(route), year: yearOf(route) };
  // The address it draws, beside `data-ready`: a page that is ready is ready for this address, not the one before it.
  const main = h('main', { id: 'main', tabindex: -1, 'aria-busy': 'true', 'data-route': location.hash || '#/' }, h('p', { class: 'loading' }, 'Laden…'));
  root.replaceChildren(skipLink(), header(context), dateBanners(context) ?? '', main);
  const page = pageOf(route.path);
  let rendered: RenderedPage;
  try {
    rendered = page ? await page(context) : { title: 'Niet gevonden', content: h('section', { class: 'notice' }, h('h1', {}, 'Deze pagina bestaat niet'), h('a', { href: href([]) }, 'Naar het overzicht')) };
  } catch (problem) {
    if (turn !== rendering) return;
    if (problem instanceof ApiProblem && problem.status === 401) {
      session.signOut();
      root.replaceChildren(h('main', { id: 'main', class: 'centre', tabindex: -1 }, signInForm('Uw token is niet (meer) geldig: log opnieuw in.')));
      return;
    }
    rendered = { title: 'Fout', content: h('section', { class: 'notice notice-error', role: 'alert' }, h('h1', {}, 'Dit kon niet worden opgehaald'), h('p', {}, problemText(problem))) };
  }
  // A later navigation won the race: its page is the one to show.
  if (turn !== rendering) return;
  disposeCharts();
  document.title = `${rendered.title} – Geldstroom`;
  main.replaceChildren(rendered.content, rendered.journal ? cutNote(rendered.journal) : '');
  // Charts measure their container: they are drawn once it is in the document.
  rendered.afterShow?.();
  main.setAttribute('aria-busy', 'false');
  main.dataset.ready = 'true';
}

addEventListener('hashchange', () => void render());
void render();
