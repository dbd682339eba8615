// The money between parties, through their budgets: funders into budgets, budgets into budgets
// (transfers, contributions to a joint arrangement), budgets out to the parties paid. A diagram
// on a wide screen; the same edges as a table everywhere (and on a phone, in its place).
import { FLOW_KINDS_NL } from '@geldstroom/projections/vocabulary/nl';
import { getJson } from '../api';
import { graphSankey, type FlowLink, type GraphNode } from '../charts';
import { exportButtons, yearSelect } from '../controls';
import { h, table } from '../dom';
import { euro } from '../format';
import { cutParams, num, pageHead, section, type Page } from '../page';
import { href } from '../router';
import type { BudgetEntry, Catalogue, FundingFlows } from '../types';

export const flowsPage: Page = async (context) => {
  const cut = cutParams(context);
  const [flows, budgets] = await Promise.all([
    getJson<FundingFlows>('/v1/funding-flows', { ...cut, year: context.year }),
    getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf: context.asOf }),
  ]);
  const names = nodeNames(flows);
  const diagram = diagramOf(flows, names);
  const chart = h('div', { class: 'chart chart-graph wide-only', role: 'img', 'aria-label': 'Geldstromen tussen partijen; de cijfers staan in de tabel eronder', 'data-testid': 'flows-sankey' });
  const link = (id: string) => {
    const [type, key] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
    return h('a', { href: href([type === 'party' ? 'parties' : 'budgets', key]) }, names.get(id) ?? key);
  };
  const content = h(
    'article',
    { class: 'flows' },
    pageHead('Geldstromen', 'Geld tussen partijen', 'Van financier, via de begrotingen, naar wie betaald werd. Een overheveling tussen begrotingen verplaatst geld en is geen besteding.', yearSelect(budgets.entries.map((b) => b.fiscalYear), context.year), exportButtons('funding-flows', { ...cut, year: context.year })),
    h(
      'div',
      { class: 'figures' },
      ...(['funding', 'transfer', 'grant', 'purchase', 'expense'] as const).map((kind) => h('div', { class: 'figure' }, h('div', { class: 'figure-label' }, FLOW_KINDS_NL[kind]), h('div', { class: 'figure-value' }, euro(flows.totals[kind])))),
    ),
    section(
      'Stromen',
      flows.edges.length === 0 ? h('p', { class: 'empty' }, 'Geen geldstromen bekend.') : chart,
      flows.edges.length === 0 ? null : table(null, ['Van', 'Naar', 'Soort', 'Bedrag'], flows.edges.map((e) => [link(e.from), link(e.to), FLOW_KINDS_NL[e.kind] ?? e.kind, num(euro(e.amount))]), { 'data-testid': 'flows-table' }),
    ),
  );
  return { title: 'Geldstromen', content, journal: flows.journal, afterShow: () => flows.edges.length > 0 && graphSankey(chart, diagram.nodes, diagram.links) };
};

/**
 * A name per node. Budgets of different owners often share a name ("Bijdrage WSP Parkstad"): a
 * budget's name says whose it is when another budget has the same one.
 */
function nodeNames(flows: FundingFlows): Map<string, string> {
  const parties = new Map(flows.nodes.flatMap((n) => (n.type === 'party' ? [[n.partyId, n.name ?? n.partyId] as const] : [])));
  const budgetNames = flows.nodes.flatMap((n) => (n.type === 'budget' ? [n.name] : []));
  const shared = new Set(budgetNames.filter((name, i) => budgetNames.indexOf(name) !== i));
  return new Map(
    flows.nodes.map((n) => {
      if (n.type === 'party') return [n.id, n.name ?? n.partyId];
      const name = n.name ?? n.budgetId;
      const owner = n.ownerPartyId ? (parties.get(n.ownerPartyId) ?? n.ownerPartyId) : null;
      return [n.id, shared.has(n.name) && owner ? `${name} (${owner})` : name];
    }),
  );
}

/** Parties that are paid are drawn apart from the same parties as funders: a Sankey has no cycles. */
function diagramOf(flows: FundingFlows, names: ReadonlyMap<string, string>): { nodes: GraphNode[]; links: FlowLink[] } {
  const nodes = new Map<string, GraphNode>();
  const links: FlowLink[] = [];
  const node = (id: string, role: 'from' | 'to'): string => {
    const isParty = id.startsWith('party:');
    const key = isParty ? `${id}:${role}` : id;
    if (!nodes.has(key)) nodes.set(key, { key, label: names.get(id) ?? id, kind: isParty ? 'party' : 'budget' });
    return key;
  };
  for (const edge of flows.edges) links.push({ from: node(edge.from, 'from'), to: node(edge.to, 'to'), amount: edge.amount });
  return { nodes: [...nodes.values()], links };
}
