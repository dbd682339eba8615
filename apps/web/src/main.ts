// The shell: sign-in with an API token, the navigation, the as-of picker, and the page the
// hash route names. Every figure comes from the JSON API, as the person's own token may see it.
import { ApiProblem, getJson, session } from './api';
import { disposeCharts } from './charts';
import { h } from './dom';
import { describeAsOf, cutNote, type Page, type RenderedPage } from './page';
import { budgetPage } from './pages/budget';
import { journalPage } from './pages/journal';
import { overviewPage } from './pages/overview';
import { programmePage } from './pages/programme';
import { providerPage } from './pages/provider';
import { asOfOf, currentRoute, href, withAsOf } from './router';

const PAGES: Record<string, Page> = {
  '': overviewPage,
  programmes: programmePage,
  budgets: budgetPage,
  providers: providerPage,
  journal: journalPage,
};

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

function asOfPicker(asOf: string | null): HTMLElement {
  const date = asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : '';
  const input = h('input', { id: 'as-of', type: 'date', value: date, max: new Date().toISOString().slice(0, 10), 'aria-describedby': 'as-of-hint' });
  input.addEventListener('change', () => {
    location.hash = withAsOf(input.value || null);
  });
  return h(
    'div',
    { class: 'as-of' },
    h('label', { for: 'as-of' }, 'Peildatum'),
    input,
    h('button', { type: 'button', class: 'secondary', disabled: !asOf, onclick: () => (location.hash = withAsOf(null)) }, 'Vandaag'),
    h('span', { id: 'as-of-hint', class: 'visually-hidden' }, 'Het grootboek zoals het op die datum bekend was: wat daarna is vastgelegd telt niet mee.'),
  );
}

function header(asOf: string | null): HTMLElement {
  const section = currentRoute().path[0] ?? '';
  const link = (label: string, path: string[], current: boolean) => h('a', { href: href(path), 'aria-current': current ? 'page' : undefined }, label);
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: href([]) }, 'Geldstroom'),
    h('nav', { 'aria-label': 'Hoofdmenu' }, link('Overzicht', [], section !== 'journal'), link('Journaal', ['journal'], section === 'journal')),
    asOfPicker(asOf),
    h('button', { type: 'button', class: 'link', onclick: () => (session.signOut(), void render()) }, 'Uitloggen'),
  );
}

function asOfBanner(asOf: string | null): HTMLElement | null {
  if (!asOf) return null;
  return h(
    'div',
    { class: 'as-of-banner', role: 'note', 'data-testid': 'as-of-banner' },
    `U ziet het grootboek zoals het bekend was ${describeAsOf(asOf)}: wat daarna is vastgelegd, telt niet mee. `,
    h('a', { href: withAsOf(null) }, 'Naar de stand van nu'),
  );
}

function problemText(problem: unknown): string {
  if (problem instanceof ApiProblem) return `${problem.title}${problem.detail && problem.detail !== problem.title ? `: ${problem.detail}` : ''}`;
  return problem instanceof Error ? problem.message : String(problem);
}

async function render(): Promise<void> {
  const turn = ++rendering;
  disposeCharts();
  if (!session.token()) {
    document.title = 'Inloggen – Geldstroom';
    root.replaceChildren(h('main', { class: 'centre' }, signInForm()));
    return;
  }
  const route = currentRoute();
  const asOf = asOfOf(route);
  const main = h('main', { 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Laden…'));
  root.replaceChildren(header(asOf), asOfBanner(asOf) ?? '', main);
  const page = PAGES[route.path[0] ?? ''];
  let rendered: RenderedPage;
  try {
    rendered = page ? await page({ route, asOf }) : { title: 'Niet gevonden', content: h('p', { class: 'notice' }, 'Deze pagina bestaat niet. ', h('a', { href: href([]) }, 'Naar het overzicht')) };
  } catch (problem) {
    if (turn !== rendering) return;
    if (problem instanceof ApiProblem && problem.status === 401) {
      session.signOut();
      root.replaceChildren(h('main', { class: 'centre' }, signInForm('Uw token is niet (meer) geldig: log opnieuw in.')));
      return;
    }
    rendered = { title: 'Fout', content: h('section', { class: 'notice notice-error', role: 'alert' }, h('h2', {}, 'Dit kon niet worden opgehaald'), h('p', {}, problemText(problem))) };
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
