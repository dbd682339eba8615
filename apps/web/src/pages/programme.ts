// A programme: what it cost and will still cost, kind by kind (grants, purchases, each kind of
// expense), who took part and at what cost each against the norm, who paid (a Sankey from the
// ultimate funders through the paying budgets on a wide screen, the same links as a table
// everywhere), the answer to the council with its footnotes, and the findings about it. Printed,
// it is an A4 for a council information letter.
import { getJson } from '../api';
import { sankey, type FlowLink, type FlowNode } from '../charts';
import { exportButtons, printButton, sinceSection } from '../controls';
import { figure, h, table } from '../dom';
import { count, dateNl, euro, onDateNl, percent, shortHash } from '../format';
import { evidenceStreams, findingsAbout, findingsSection } from '../findings';
import { cutParams, num, orNotKnown, pageHead, section, type Page, type PageContext, type RenderedPage } from '../page';
import { href } from '../router';
import type { BudgetEntry, Catalogue, CouncilAnswer, Finding, ProgrammeCost } from '../types';
import { eventNameNl, SPENDING_KINDS_NL } from '@geldstroom/projections/vocabulary/nl';

const NORM_NL = { below: 'onder de normband', within: 'binnen de normband', above: 'boven de normband' } as const;

export const programmePage: Page = (context) => {
  const id = context.route.path[1] ?? '';
  return orNotKnown('Programma', id, context.asOf, async () => {
    const cut = cutParams(context);
    const [cost, answer, budgets] = await Promise.all([
      getJson<ProgrammeCost>(`/v1/programmes/${encodeURIComponent(id)}/cost`, { ...cut, explain: true }),
      getJson<CouncilAnswer>(`/v1/programmes/${encodeURIComponent(id)}/answer`, { ...cut, lang: 'nl' }),
      getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf: context.asOf }),
    ]);
    const findings = await findingsAbout([`programme-${id}`, ...evidenceStreams(cost.evidence)], cut);
    return render(cost, answer, new Map(budgets.entries.map((b) => [b.budgetId, b])), findings, context);
  });
};

function render(cost: ProgrammeCost, answer: CouncilAnswer, budgets: ReadonlyMap<string, BudgetEntry>, findings: readonly Finding[], context: PageContext): RenderedPage {
  const flows = fundingFlows(cost, budgets);
  const name = cost.name ?? cost.programmeId;
  const chart = h('div', { class: 'chart chart-sankey wide-only', role: 'img', 'aria-label': `Geldstromen naar ${name}; de cijfers staan in de tabel eronder`, 'data-testid': 'funding-sankey' });
  const content = h(
    'article',
    { class: 'programme' },
    pageHead('Programma', name, status(cost), exportButtons('programme-cost', { ...cutParams(context), id: cost.programmeId }), printButton()),
    h(
      'div',
      { class: 'figures' },
      figure('Verplicht', euro(cost.committed), 'alles wat is toegekend of besteld, betaald of niet', { 'data-testid': 'committed' }),
      figure('Gerealiseerd', euro(cost.realised), 'betaald', { 'data-testid': 'realised' }),
      figure('Obligo', euro(cost.obligo), 'verplicht en nog niet betaald', { 'data-testid': 'obligo' }),
      figure('Deelnemers', count(cost.participants)),
      figure('Kosten per deelnemer', cost.costPerParticipant ? euro(cost.costPerParticipant) : '—', normNote(cost), { 'data-testid': 'per-participant' }),
    ),
    costByKind(cost),
    section(
      'Wie betaalde',
      h('p', { class: 'hint' }, 'Van de uiteindelijke financier, via de begroting waaruit betaald is, naar het programma. Alleen betaalde bedragen; overhevelingen tussen begrotingen zijn geen kosten.'),
      flows.links.length > 0 ? chart : h('p', { class: 'empty' }, 'Er is nog niets betaald: er is geen geldstroom om te tekenen.'),
      flows.links.length > 0 ? table('Geldstromen', ['Van', 'Naar', 'Bedrag'], flows.links.map((l) => [flows.label(l.from), flows.label(l.to), num(euro(l.amount))]), { class: 'flows', 'data-testid': 'funding-flows' }) : null,
      cost.whoPaid.ultimateFunders.length > 0
        ? table('Uiteindelijke financiers', ['Financier', 'Bedrag', 'Aandeel'], cost.whoPaid.ultimateFunders.map((f) => [f.name ?? f.partyId, num(euro(f.amount)), num(percent(f.share))]), { 'data-testid': 'ultimate-funders' })
        : null,
      cost.whoPaid.uncovered !== '0.00' ? h('p', { class: 'warning' }, `${euro(cost.whoPaid.uncovered)} is betaald boven wat de begrotingen binnenkregen; dat draagt de eigenaar van de begroting.`) : null,
    ),
    councilAnswer(answer),
    h('div', { class: 'no-print' }, findingsSection(findings)),
    sinceSection('programme-cost', cost.programmeId, null),
  );
  return { title: name, content, journal: cost.journal, afterShow: () => flows.links.length > 0 && sankey(chart, flows.nodes, flows.links) };
}

/** Every kind of cost, also those without any (a reader sees there were none), adding up to the totals. */
function costByKind(cost: ProgrammeCost): HTMLElement {
  const kinds = Object.entries(SPENDING_KINDS_NL) as [keyof typeof SPENDING_KINDS_NL, string][];
  const cells = (f: { committed: string; obligo: string; realised: string }) => [num(euro(f.committed)), num(euro(f.obligo)), num(euro(f.realised))];
  return section(
    'Kosten per soort',
    table(
      null,
      ['Soort', 'Aantal', 'Verplicht', 'Obligo', 'Gerealiseerd'],
      [...kinds.map(([kind, label]) => [label, num(count(cost.byKind[kind].count)), ...cells(cost.byKind[kind])]), [h('strong', {}, 'Totaal'), '', ...cells(cost)]],
      { 'data-testid': 'cost-kinds' },
    ),
  );
}

function status(cost: ProgrammeCost): string {
  const started = cost.launchedOn ? `Gestart ${onDateNl(cost.launchedOn, cost.launchedOnPrecision)}` : 'Gestart';
  if (cost.status !== 'ended') return `${started}; loopt nog.`;
  const ended = `beëindigd ${onDateNl(cost.endedOn ?? '', cost.endedOnPrecision)}`;
  return `${started}, ${ended}${cost.continued === false ? ', wordt niet voortgezet' : cost.continued ? ', wordt voortgezet' : ''}.${cost.endReason ? ` ${cost.endReason}.` : ''}`;
}

function normNote(cost: ProgrammeCost): HTMLElement | null {
  if (!cost.normBand) return null;
  // An amount never breaks across lines; the band may break around its dash.
  const band = h('span', { class: 'norm-band' }, 'normband ', h('span', { class: 'nowrap' }, euro(cost.normBand.min)), ' – ', h('span', { class: 'nowrap' }, euro(cost.normBand.max)));
  const source = cost.normBand.source ? h('span', { class: 'norm-source' }, `bron: ${cost.normBand.source}`) : null;
  if (!cost.againstNorm) return h('span', {}, band, source);
  return h('span', {}, h('span', { class: `badge badge-norm-${cost.againstNorm}` }, NORM_NL[cost.againstNorm]), band, source);
}

/** Funders → paying budgets → the programme, from what each budget paid by funder. */
function fundingFlows(cost: ProgrammeCost, budgets: ReadonlyMap<string, BudgetEntry>) {
  const nodes = new Map<string, FlowNode>();
  const links: FlowLink[] = [];
  const programme = `programme:${cost.programmeId}`;
  nodes.set(programme, { key: programme, label: cost.name ?? cost.programmeId, column: 'programme' });
  for (const payer of cost.whoPaid.directPayers) {
    if (payer.realised === '0.00' || payer.realised.startsWith('-')) continue;
    const budget = `budget:${payer.budgetId}`;
    const entry = budgets.get(payer.budgetId);
    const owner = entry?.ownerName ?? payer.name ?? payer.partyId;
    // Budgets of different owners often share a name ("Bijdrage WSP Parkstad"): say whose.
    nodes.set(budget, { key: budget, label: entry ? (entry.name.includes(owner) ? entry.name : `${entry.name} (${owner})`) : payer.budgetId, column: 'budget' });
    for (const funder of payer.funders) {
      if (funder.amount.startsWith('-')) continue;
      const key = `funder:${funder.partyId}`;
      nodes.set(key, { key, label: funder.name ?? funder.partyId, column: 'funder' });
      links.push({ from: key, to: budget, amount: funder.amount });
    }
    links.push({ from: budget, to: programme, amount: payer.realised });
  }
  return { nodes: [...nodes.values()], links, label: (key: string) => nodes.get(key)?.label ?? key };
}

function councilAnswer(answer: CouncilAnswer): HTMLElement {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'secondary', 'data-testid': 'copy-answer' }, 'Kopieer antwoord');
  copy.addEventListener('click', () => {
    copyText(answer.text).then(
      () => (status.textContent = 'Gekopieerd'),
      () => (status.textContent = 'Kopiëren lukte niet: selecteer de tekst en kopieer hem zelf.'),
    );
  });
  const references = Object.values(answer.references).sort((a, b) => a.position - b.position);
  return section(
    'Antwoord aan de raad',
    h(
      'blockquote',
      { class: 'answer', lang: 'nl', 'data-testid': 'council-answer' },
      ...answer.sentences.flatMap((sentence) => [
        sentence.text,
        ...sentence.footnotes.flatMap((n, i) => [i > 0 ? h('sup', { 'aria-hidden': 'true' }, ',') : '', h('sup', {}, h('a', { href: `#footnote-${n}`, class: 'footnote-mark', 'aria-label': `bron ${n}`, onclick: toFootnote(n) }, String(n)))]),
        ' ',
      ]),
    ),
    h(
      'ol',
      { class: 'footnotes', 'data-testid': 'footnotes', 'aria-label': 'Bronnen' },
      ...answer.footnotes.map((note) =>
        h(
          'li',
          { id: `footnote-${note.number}`, value: note.number, tabindex: -1 },
          note.sourceReference ?? 'Zonder bronvermelding',
          ...(note.positions.length > 0
            ? [' (', ...footnoteDates(note.positions, answer), '; journaalpositie', note.positions.length > 1 ? 's ' : ' ', ...note.positions.flatMap((p, i) => [i > 0 ? ', ' : '', h('a', { href: href(['journal'], { at: p, on: null }) }, String(p))]), ')']
            : []),
        ),
      ),
    ),
    h('div', { class: 'actions no-print' }, copy, status),
    h(
      'details',
      { class: 'no-print' },
      h('summary', {}, `Onderbouwing: ${references.length} gebeurtenissen`),
      table(
        null,
        ['Positie', 'Gebeurtenis', 'Stroom', 'Datum', 'Bron', 'Hash'],
        references.map((r) => [
          h('a', { href: href(['journal'], { at: r.position, on: null }) }, String(r.position)),
          eventNameNl(r.type),
          h('code', {}, r.streamId),
          dateNl(r.effectiveDate, r.effectiveDatePrecision),
          r.sourceReference ?? '',
          h('code', { title: r.hash }, shortHash(r.hash)),
        ]),
        { class: 'references' },
      ),
    ),
  );
}

/** The footnote links move the focus, not the route (the hash is the route). */
function toFootnote(n: number): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    document.getElementById(`footnote-${n}`)?.focus();
  };
}

function footnoteDates(positions: readonly number[], answer: CouncilAnswer): string[] {
  const dates = positions.map((p) => answer.references[String(p)]).filter(Boolean).map((r) => dateNl(r.effectiveDate, r.effectiveDatePrecision));
  return [[...new Set(dates)].join(', ')];
}

/** The clipboard API needs a secure context; on plain http elsewhere, the old way. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = h('textarea', { class: 'visually-hidden', readonly: true });
  area.value = text;
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}
