// A programme: what it cost and will still cost, who took part and at what cost each against
// the norm, who paid (a Sankey from the ultimate funders through the paying budgets), and the
// answer to the council in Dutch with the events behind every sentence.
import { getJson } from '../api';
import { sankey, type FlowLink, type FlowNode } from '../charts';
import { figure, h, table } from '../dom';
import { count, dateNl, euro, percent, shortHash } from '../format';
import { num, orNotKnown, section, type Page, type RenderedPage } from '../page';
import { href } from '../router';
import type { BudgetEntry, Catalogue, CouncilAnswer, ProgrammeCost } from '../types';

const NORM_NL = { below: 'onder de normband', within: 'binnen de normband', above: 'boven de normband' } as const;

export const programmePage: Page = ({ route, asOf }) => {
  const id = route.path[1] ?? '';
  return orNotKnown('Programma', id, asOf, async () => {
    const [cost, answer, budgets] = await Promise.all([
      getJson<ProgrammeCost>(`/v1/programmes/${encodeURIComponent(id)}/cost`, { asOf }),
      getJson<CouncilAnswer>(`/v1/programmes/${encodeURIComponent(id)}/answer`, { asOf, lang: 'nl' }),
      getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf }),
    ]);
    return render(cost, answer, new Map(budgets.entries.map((b) => [b.budgetId, b])));
  });
};

function render(cost: ProgrammeCost, answer: CouncilAnswer, budgets: ReadonlyMap<string, BudgetEntry>): RenderedPage {
  const flows = fundingFlows(cost, budgets);
  const chart = h('div', { class: 'chart chart-sankey', role: 'img', 'aria-label': `Geldstromen naar ${cost.name ?? cost.programmeId}; de cijfers staan in de tabel eronder`, 'data-testid': 'funding-sankey' });
  const content = h(
    'article',
    { class: 'programme' },
    h('p', { class: 'kicker' }, 'Programma'),
    h('h1', {}, cost.name ?? cost.programmeId),
    h('p', { class: 'subtitle' }, status(cost)),
    h(
      'div',
      { class: 'figures' },
      figure('Verplicht', euro(cost.committed), 'alles wat is toegekend of besteld, betaald of niet', { 'data-testid': 'committed' }),
      figure('Gerealiseerd', euro(cost.realised), 'betaald', { 'data-testid': 'realised' }),
      figure('Obligo', euro(cost.obligo), 'verplicht en nog niet betaald', { 'data-testid': 'obligo' }),
      figure('Deelnemers', count(cost.participants)),
      figure('Kosten per deelnemer', cost.costPerParticipant ? euro(cost.costPerParticipant) : '—', normNote(cost), { 'data-testid': 'per-participant' }),
    ),
    section(
      'Wie betaalde',
      h('p', { class: 'hint' }, 'Van de uiteindelijke financier, via de begroting waaruit betaald is, naar het programma. Alleen betaalde bedragen; overhevelingen tussen begrotingen zijn geen kosten.'),
      flows.links.length > 0 ? chart : h('p', { class: 'empty' }, 'Er is nog niets betaald: er is geen geldstroom om te tekenen.'),
      flows.links.length > 0
        ? table(
            'Geldstromen',
            ['Van', 'Naar', 'Bedrag'],
            flows.links.map((l) => [flows.label(l.from), flows.label(l.to), num(euro(l.amount))]),
            { class: 'flows', 'data-testid': 'funding-flows' },
          )
        : null,
      cost.whoPaid.ultimateFunders.length > 0
        ? table(
            'Uiteindelijke financiers',
            ['Financier', 'Bedrag', 'Aandeel'],
            cost.whoPaid.ultimateFunders.map((f) => [f.name ?? f.partyId, num(euro(f.amount)), num(percent(f.share))]),
          )
        : null,
      cost.whoPaid.uncovered !== '0.00'
        ? h('p', { class: 'warning' }, `${euro(cost.whoPaid.uncovered)} is betaald boven wat de begrotingen binnenkreeg; dat draagt de eigenaar van de begroting.`)
        : null,
    ),
    councilAnswer(answer),
  );
  return { title: cost.name ?? cost.programmeId, content, journal: cost.journal, afterShow: () => flows.links.length > 0 && sankey(chart, flows.nodes, flows.links) };
}

function status(cost: ProgrammeCost): string {
  const started = cost.launchedOn ? `Gestart op ${dateNl(cost.launchedOn)}` : 'Gestart';
  if (cost.status !== 'ended') return `${started}; loopt nog.`;
  const ended = `beëindigd op ${dateNl(cost.endedOn ?? '')}`;
  return `${started}, ${ended}${cost.continued === false ? ', wordt niet voortgezet' : cost.continued ? ', wordt voortgezet' : ''}.${cost.endReason ? ` ${cost.endReason}.` : ''}`;
}

function normNote(cost: ProgrammeCost): HTMLElement | null {
  if (!cost.normBand) return null;
  // An amount never breaks across lines; the band may break around its dash.
  const band = h('span', { class: 'norm-band' }, 'normband ', h('span', { class: 'nowrap' }, euro(cost.normBand.min)), ' – ', h('span', { class: 'nowrap' }, euro(cost.normBand.max)));
  if (!cost.againstNorm) return band;
  return h('span', {}, h('span', { class: `badge badge-norm-${cost.againstNorm}` }, NORM_NL[cost.againstNorm]), band);
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
        `${sentence.text} `,
        h('span', { class: 'refs' }, '[', ...sentence.references.flatMap((p, i) => [i > 0 ? ', ' : '', h('a', { href: href(['journal'], { at: p }), title: answer.references[String(p)]?.type }, String(p))]), ']'),
        ' ',
      ]),
    ),
    h('div', { class: 'actions' }, copy, status),
    h('details', {}, h('summary', {}, `Onderbouwing: ${references.length} gebeurtenissen`), table(
      null,
      ['Positie', 'Gebeurtenis', 'Stroom', 'Datum', 'Bron', 'Hash'],
      references.map((r) => [
        h('a', { href: href(['journal'], { at: r.position }) }, String(r.position)),
        h('code', {}, r.type),
        h('code', {}, r.streamId),
        dateNl(r.effectiveDate),
        r.sourceReference ?? '',
        h('code', { title: r.hash }, shortHash(r.hash)),
      ]),
      { class: 'references' },
    )),
  );
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
