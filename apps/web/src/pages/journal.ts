// The journal, for auditors: every event as stored, paged, with its metadata and hashes; the
// current digest; a full verify on request; and the findings, each linked to its events.
import { ApiProblem, getJson, postJson } from '../api';
import { h, table } from '../dom';
import { count, dateNl, instantNl, shortHash } from '../format';
import { describeAsOf, section, type Page } from '../page';
import { href } from '../router';
import type { Digest, Findings, JournalCut, JournalEvent, JournalPage, VerifyReport } from '../types';

const PAGE_SIZE = 25;

/** The finding kinds in Dutch; a kind this page does not know yet shows the API's own words. */
const FINDING_NL: Record<string, string> = {
  'budget-below-zero': 'Een begrotingswijziging brengt de begroting onder nul',
  'allocated-above-budget': 'De begrotingsregels zijn samen meer dan de begroting',
  'transferred-above-budget': 'Een overheveling neemt meer dan de begroting bevat',
  'paid-above-granted': 'Er is meer betaald dan de subsidie die is verleend',
  'paid-above-settled': 'Er is meer betaald dan de subsidie die is vastgesteld',
  'settled-above-granted': 'De subsidie is hoger vastgesteld dan verleend',
  'invoiced-above-total': 'Er is meer gefactureerd dan aantal × prijs',
  'paid-above-invoiced': 'Er is meer betaald dan gefactureerd',
  'paid-above-total': 'Er is meer betaald dan aantal × prijs',
  'outcomes-above-participants': 'Meer uitkomsten dan deelnemers',
  'budget-overrun': 'Meer verplicht en betaald dan de begroting',
  'call-off-above-ceiling': 'Afroepen boven het plafond van het contract',
  'procedure-too-light': 'Een te lichte inkoopprocedure voor de waarde van het contract',
  'split-purchase': 'Opgeknipte inkoop: samen boven een drempel die elk afzonderlijk niet haalt',
  'spending-after-programme-end': 'Uitgaven na het einde van het programma',
  'payment-without-commitment': 'Een betaling zonder verplichting ervoor',
  'taakveld-unknown': 'Een begroting op een taakveld dat de Iv3-catalogus van het jaar niet kent',
};

const CATEGORY_NL: Record<string, string> = {
  party: 'partij',
  budget: 'begroting',
  programme: 'programma',
  grant: 'subsidie',
  procurement: 'aanbesteding',
  contract: 'contract',
  purchase: 'inkoop',
};

export const journalPage: Page = async ({ route, asOf }) => {
  const at = positionParam(route.query.get('at'));
  const after = at !== null ? Math.max(0, at - 1) : (positionParam(route.query.get('after')) ?? 0);
  const [digest, findings, page] = await Promise.all([
    getJson<Digest>('/v1/journal/digest'),
    getJson<Findings>('/v1/findings', { asOf }),
    getJson<JournalPage>('/v1/journal', { after, limit: PAGE_SIZE }),
  ]);
  // As of a date, the journal ends where the ledger's knowledge then ended.
  const cut = findings.journal;
  const events = asOf ? page.events.filter((e) => e.position <= cut.position) : page.events;
  const next = page.next !== null && (!asOf || page.next < cut.position) ? page.next : null;

  const content = h(
    'article',
    { class: 'journal' },
    h('h1', {}, 'Journaal'),
    h('p', { class: 'subtitle' }, 'Elke gebeurtenis zoals vastgelegd, met haar hash en de hash van de vorige in haar stroom. Niets wordt gewijzigd; een correctie is een nieuwe gebeurtenis.'),
    h('div', { class: 'two-columns' }, digestCard(digest, asOf ? cut : null, asOf), verifyCard()),
    findingsSection(findings, asOf),
    section(
      'Gebeurtenissen',
      events.length === 0
        ? h('p', { class: 'empty' }, `Geen gebeurtenissen ${asOf ? describeAsOf(asOf) : 'op deze pagina'}.`)
        : eventsTable(events, at),
      h(
        'nav',
        { class: 'pager', 'aria-label': 'Pagina’s van het journaal' },
        after > 0 ? h('a', { href: href(['journal'], { after: Math.max(0, after - PAGE_SIZE) }) }, '← Vorige') : h('span', {}),
        h('span', {}, events.length > 0 ? `Posities ${events[0].position}–${events[events.length - 1].position} van ${asOf ? cut.position : page.headPosition}` : ''),
        next !== null ? h('a', { href: href(['journal'], { after: next }) }, 'Volgende →') : h('span', {}),
      ),
    ),
  );
  return { title: 'Journaal', content, journal: cut, afterShow: () => at !== null && document.getElementById(`event-${at}`)?.scrollIntoView({ block: 'center' }) };
};

function positionParam(value: string | null): number | null {
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
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
        ? [
            h('dt', {}, `Stand ${describeAsOf(asOf)}`),
            h('dd', {}, `positie ${cut.position}, ${count(cut.treeSize)} gebeurtenissen, boomhoofd `, h('code', { class: 'hash' }, cut.rootHash)),
          ]
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
  return section(
    'Controle',
    h('p', {}, 'Herbereken elke hash en het boomhoofd, en bewijs dat het journaal elk eerder bewaard digest voortzet.'),
    button,
    result,
  );
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
    failure?.position !== undefined ? h('a', { href: href(['journal'], { at: failure.position }, null) }, 'Toon die gebeurtenis') : '',
  );
}

function findingsSection(findings: Findings, asOf: string | null): HTMLElement {
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
              h('strong', {}, FINDING_NL[finding.kind] ?? finding.description),
              ' ',
              h('span', { class: 'badge badge-finding' }, finding.kind),
              h('div', { class: 'finding-meta' }, `${CATEGORY_NL[finding.entity.category] ?? finding.entity.category} `, h('code', {}, finding.entity.id), ` · ${dateNl(finding.date)} · gebeurtenissen `, ...finding.events.flatMap((e, i) => [i > 0 ? ', ' : '', h('a', { href: href(['journal'], { at: e.position }) }, `${e.position} (${e.type})`)])),
            ),
          ),
        ),
  );
}

function eventsTable(events: readonly JournalEvent[], highlighted: number | null): HTMLTableElement {
  const rows = events.map((e) => {
    const effective = typeof e.data.effectiveDate === 'string' ? dateNl(e.data.effectiveDate) : '';
    const actor = typeof e.metadata.actor === 'string' ? e.metadata.actor : '';
    const source = typeof e.metadata.sourceReference === 'string' ? e.metadata.sourceReference : '';
    return h(
      'tr',
      { id: `event-${e.position}`, class: e.position === highlighted ? 'highlight' : undefined },
      h('td', {}, h('span', { class: 'num' }, String(e.position))),
      h('td', {}, instantNl(e.recordedAt)),
      h('td', {}, h('details', {}, h('summary', {}, h('code', {}, e.type)), h('pre', {}, JSON.stringify({ data: e.data, metadata: e.metadata }, null, 2)))),
      h('td', {}, h('code', {}, e.streamId), h('span', { class: 'revision' }, ` #${e.revision}`)),
      h('td', {}, effective),
      h('td', {}, actor),
      h('td', {}, source),
      h('td', {}, h('code', { title: `hash ${e.hash} (hashschema ${e.hashScheme})\nvorige ${e.previousHash}` }, shortHash(e.hash))),
    );
  });
  return h(
    'table',
    { class: 'events', 'data-testid': 'journal-events' },
    h('thead', {}, h('tr', {}, ...['Positie', 'Vastgelegd', 'Gebeurtenis', 'Stroom', 'Ingangsdatum', 'Door', 'Bron', 'Hash'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...rows),
  );
}
