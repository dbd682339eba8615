// The journal, for accountants: every event in Dutch with its amount and the party it names,
// searchable by type, entity, party, business dates and amount (the API filters, the page only
// asks), paged both ways; each event's stored data, metadata and hashes one click away; the
// current digest; a full verify on request; and the findings, each linked to its events.
import { EVENT_NAMES_NL, FINDING_KINDS_NL, CATEGORIES_NL, eventNameNl } from '@geldstroom/projections/vocabulary/nl';
import { ApiProblem, getJson, postJson, type Params } from '../api';
import { exportButtons } from '../controls';
import { h, scrollBox } from '../dom';
import { count, dateNl, euro, instantNl, shortHash } from '../format';
import { describeAsOf, pageHead, section, type Page } from '../page';
import { href, type Route } from '../router';
import type { Catalogue, Digest, Findings, JournalCut, JournalEvent, JournalPage, PartyEntry, VerifyReport } from '../types';

const PAGE_SIZE = 25;
const FILTERS = ['type', 'entity', 'party', 'from', 'to', 'amountMin', 'amountMax'] as const;
type FilterName = (typeof FILTERS)[number];

export const journalPage: Page = async ({ route, asOf }) => {
  const at = positionParam(route.query.get('at'));
  const filter = filterOf(route);
  const after = at !== null ? Math.max(0, at - 1) : (positionParam(route.query.get('after')) ?? 0);
  const [digest, findings, page, parties] = await Promise.all([
    getJson<Digest>('/v1/journal/digest'),
    getJson<Findings>('/v1/findings', { asOf }),
    getJson<JournalPage>('/v1/journal', { ...filter, after, limit: PAGE_SIZE, asOf }),
    getJson<Catalogue<PartyEntry>>('/v1/parties', { asOf }),
  ]);
  const cut = findings.journal;
  const content = h(
    'article',
    { class: 'journal' },
    pageHead('Journaal', 'Journaal', 'Elke gebeurtenis zoals vastgelegd, met haar hash en de hash van de vorige in haar stroom. Niets wordt gewijzigd; een correctie is een nieuwe gebeurtenis.'),
    filterForm(route, filter, parties.entries),
    section(
      'Gebeurtenissen',
      exportButtons('journal', { ...filter, asOf }),
      page.events.length === 0 ? h('p', { class: 'empty', 'data-testid': 'no-events' }, `Geen gebeurtenissen ${Object.keys(filter).length > 0 ? 'die aan de filters voldoen' : describeAsOf(asOf)}.`) : eventsTable(page.events, at),
      pager(page, filter),
    ),
    h('div', { class: 'two-columns' }, digestCard(digest, asOf ? cut : null, asOf), verifyCard()),
    findingsList(findings, asOf),
  );
  return { title: 'Journaal', content, journal: cut, afterShow: () => at !== null && document.getElementById(`event-${at}`)?.scrollIntoView({ block: 'center' }) };
};

function positionParam(value: string | null): number | null {
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** The filters the address holds, as the API takes them. */
function filterOf(route: Route): Partial<Record<FilterName, string>> {
  const filter: Partial<Record<FilterName, string>> = {};
  for (const name of FILTERS) {
    const value = route.query.get(name);
    if (value) filter[name] = value;
  }
  return filter;
}

/** "1.250,50" or "1250.50" → "1250.50"; anything else is passed on for the API to refuse. */
function amountParam(text: string): string {
  const trimmed = text.trim().replace(/^€\s*/, '');
  if (/^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(trimmed) || /^-?\d+(,\d{1,2})?$/.test(trimmed)) {
    const [whole, fraction = ''] = trimmed.replace(/\./g, '').split(',');
    return `${whole}.${fraction.padEnd(2, '0')}`;
  }
  if (/^-?\d+(\.\d{1,2})?$/.test(trimmed)) {
    const [whole, fraction = ''] = trimmed.split('.');
    return `${whole}.${fraction.padEnd(2, '0')}`;
  }
  return trimmed;
}

function filterForm(route: Route, filter: Partial<Record<FilterName, string>>, parties: readonly PartyEntry[]): HTMLElement {
  const field = (id: string, label: string, control: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const input = (name: FilterName, attributes: Record<string, string>) => h('input', { id: `filter-${name}`, name, value: filter[name] ?? '', ...attributes });
  const type = h(
    'select',
    { id: 'filter-type', name: 'type' },
    h('option', { value: '' }, 'Alle soorten'),
    ...Object.entries(EVENT_NAMES_NL).map(([code, name]) => h('option', { value: code, selected: filter.type === code }, name)),
  );
  const party = h(
    'select',
    { id: 'filter-party', name: 'party' },
    h('option', { value: '' }, 'Alle partijen'),
    ...parties.map((p) => h('option', { value: p.partyId, selected: filter.party === p.partyId }, p.name)),
  );
  const form = h(
    'form',
    { class: 'card filters no-print', 'aria-label': 'Filters', 'data-testid': 'journal-filters' },
    h('h2', {}, 'Zoeken in het journaal'),
    h(
      'div',
      { class: 'filter-fields' },
      field('filter-type', 'Soort gebeurtenis', type),
      field('filter-entity', 'Onderdeel (stroom)', input('entity', { placeholder: 'bv. budget-heerlen-2024', spellcheck: 'false' })),
      field('filter-party', 'Partij', party),
      field('filter-from', 'Ingangsdatum vanaf', input('from', { type: 'date' })),
      field('filter-to', 'tot en met', input('to', { type: 'date' })),
      field('filter-amountMin', 'Bedrag vanaf (€)', input('amountMin', { inputmode: 'decimal', placeholder: '1.000,00' })),
      field('filter-amountMax', 'tot en met (€)', input('amountMax', { inputmode: 'decimal', placeholder: '100.000,00' })),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter'), Object.keys(filter).length > 0 ? h('a', { href: href(['journal']) }, 'Wis filters') : null),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const query: Record<string, string> = {};
    for (const name of FILTERS) {
      const value = String(data.get(name) ?? '').trim();
      if (value) query[name] = name.startsWith('amount') ? amountParam(value) : value;
    }
    location.hash = href(['journal'], query, route);
  });
  return form;
}

function pager(page: JournalPage, filter: Partial<Record<FilterName, string>>): HTMLElement {
  const events = page.events;
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pagina’s van het journaal' },
    page.previous !== null ? h('a', { href: href(['journal'], { ...filter, after: page.previous }) }, '← Vorige') : h('span', {}),
    h('span', {}, events.length > 0 ? `Posities ${events[0].position}–${events[events.length - 1].position} van ${page.headPosition}` : ''),
    page.next !== null ? h('a', { href: href(['journal'], { ...filter, after: page.next }) }, 'Volgende →') : h('span', {}),
  );
}

function eventsTable(events: readonly JournalEvent[], highlighted: number | null): HTMLElement {
  const rows = events.map((e) => {
    const actor = typeof e.metadata.actor === 'string' ? e.metadata.actor : '';
    const source = typeof e.metadata.sourceReference === 'string' ? e.metadata.sourceReference : '';
    const precision = (e.data as { effectiveDatePrecision?: 'month' | 'year' }).effectiveDatePrecision;
    return h(
      'tr',
      { id: `event-${e.position}`, class: e.position === highlighted ? 'highlight' : undefined },
      h('td', {}, h('span', { class: 'num' }, String(e.position))),
      h('td', { class: 'nowrap' }, e.effectiveDate ? dateNl(e.effectiveDate, precision) : ''),
      h(
        'td',
        {},
        h(
          'details',
          {},
          h('summary', {}, eventNameNl(e.type)),
          h('p', { class: 'hint' }, h('code', {}, e.type), ` · vastgelegd ${instantNl(e.recordedAt)} · door ${actor || '—'}`),
          h('pre', {}, JSON.stringify({ data: e.data, metadata: e.metadata }, null, 2)),
        ),
      ),
      h('td', {}, e.amount === null ? '' : h('span', { class: 'num' }, euro(e.amount))),
      h('td', {}, e.counterparty ? (e.counterparty.name ?? e.counterparty.partyId) : ''),
      h('td', {}, h('code', {}, e.streamId), h('span', { class: 'revision' }, ` #${e.revision}`)),
      h('td', {}, source),
      h('td', {}, h('code', { title: `hash ${e.hash} (hashschema ${e.hashScheme})\nvorige ${e.previousHash}` }, shortHash(e.hash))),
    );
  });
  const headers = ['Positie', 'Ingangsdatum', 'Gebeurtenis', 'Bedrag', 'Partij', 'Stroom', 'Bron', 'Hash'];
  return scrollBox(
    h('table', { class: 'events', 'data-testid': 'journal-events' }, h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, ...rows)),
    'Gebeurtenissen',
  );
}

function digestCard(digest: Digest, cut: JournalCut | null, asOf: string | null): HTMLElement {
  return section(
    'Digest',
    h(
      'dl',
      { class: 'facts', 'data-testid': 'digest' },
      h('dt', {}, 'Boomgrootte nu'),
      h('dd', {}, `${count(digest.treeSize)} gebeurtenissen`),
      h('dt', {}, 'Boomhoofd nu (RFC 6962)'),
      h('dd', {}, h('code', { class: 'hash' }, digest.rootHash)),
      h('dt', {}, 'Uitgegeven'),
      h('dd', {}, `${instantNl(digest.issuedAt)}${digest.signature ? `, ondertekend (${digest.signature.algorithm})` : ', niet ondertekend'}`),
      ...(cut
        ? [h('dt', {}, `Stand ${describeAsOf(asOf)}`), h('dd', {}, `positie ${cut.position}, ${count(cut.treeSize)} gebeurtenissen, boomhoofd `, h('code', { class: 'hash' }, cut.rootHash))]
        : []),
    ),
    h('p', { class: 'hint' }, 'Bewaar het boomhoofd: een latere controle bewijst dat het journaal er nog steeds een voortzetting van is.'),
  );
}

function verifyCard(): HTMLElement {
  const result = h('div', { class: 'verify-result', role: 'status', 'aria-live': 'polite', 'data-testid': 'verify-result' });
  const button = h('button', { type: 'button' }, 'Controleer nu');
  button.addEventListener('click', () => {
    button.disabled = true;
    result.className = 'verify-result';
    result.replaceChildren('Bezig met controleren…');
    postJson<VerifyReport>('/v1/journal/verify')
      .then((report) => showReport(result, report))
      .catch((problem: unknown) => {
        result.className = 'verify-result verify-failed';
        result.replaceChildren(`De controle kon niet worden uitgevoerd: ${problem instanceof ApiProblem ? (problem.detail ?? problem.title) : String(problem)}`);
      })
      .finally(() => (button.disabled = false));
  });
  return section('Controle', h('p', {}, 'Herbereken elke hash en het boomhoofd, en bewijs dat het journaal elk eerder bewaard digest voortzet.'), button, result);
}

function showReport(result: HTMLElement, report: VerifyReport): void {
  result.className = `verify-result ${report.ok ? 'verify-ok' : 'verify-failed'}`;
  const summary = `${count(report.eventsChecked)} gebeurtenissen gecontroleerd, boomgrootte ${count(report.treeSize)}, ${count(report.digestsChecked)} bewaarde digests, in ${count(report.durationMs)} ms (${instantNl(report.verifiedAt)}).`;
  if (report.ok) {
    result.replaceChildren(h('strong', {}, '✓ Intact'), ` — ${summary} Boomhoofd `, h('code', { class: 'hash' }, report.rootHash));
    return;
  }
  const failure = report.failure;
  result.replaceChildren(
    h('strong', {}, '✗ Niet intact'),
    ` — ${failure ? `${failure.kind}${failure.position !== undefined ? ` op positie ${failure.position}` : ''}: ${failure.detail}` : 'zie de API'} `,
    failure?.position !== undefined ? h('a', { href: href(['journal'], { at: failure.position, asOf: null }) }, 'Toon die gebeurtenis') : '',
  );
}

function findingsList(findings: Findings, asOf: string | null): HTMLElement {
  return section(
    `Bevindingen (${findings.count})`,
    findings.findings.length === 0
      ? h('p', { class: 'empty' }, `Geen bevindingen ${describeAsOf(asOf)}.`)
      : h(
          'ul',
          { class: 'findings', 'data-testid': 'findings' },
          ...findings.findings.map((finding) =>
            h(
              'li',
              {},
              h('strong', {}, (FINDING_KINDS_NL as Record<string, string>)[finding.kind] ?? finding.description),
              h(
                'div',
                { class: 'finding-meta' },
                `${CATEGORIES_NL[finding.entity.category] ?? finding.entity.category} `,
                h('code', {}, finding.entity.id),
                ` · ${dateNl(finding.date)} · gebeurtenissen `,
                ...finding.events.flatMap((e, i) => [i > 0 ? ', ' : '', h('a', { href: href(['journal'], { at: e.position }) }, `${e.position} (${eventNameNl(e.type)})`)]),
              ),
            ),
          ),
        ),
  );
}

export type { Params };
