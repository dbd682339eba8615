// A budget: what it was given and how that changed (amendments, transfers), and per
// allocation line what is allocated, committed (obligo) and realised, as bars; overruns in red.
import { getJson, type Params } from '../api';
import { bars, COLOURS, type BarRow } from '../charts';
import { exportButtons, sinceSection } from '../controls';
import { figure, h, table } from '../dom';
import { evidenceStreams, findingsAbout, findingsSection } from '../findings';
import { euro } from '../format';
import { cutParams, num, orNotKnown, pageHead, section, type Page } from '../page';
import { href } from '../router';
import { taakveldLabel, taakveldNames } from '../taakvelden';
import type { BudgetExecution } from '../types';

const ALLOCATED = 'Begroot';
const REALISED = 'Gerealiseerd';
const OBLIGO = 'Obligo';
const AMOUNT = 'Bedrag';

export const budgetPage: Page = (context) => {
  const id = context.route.path[1] ?? '';
  return orNotKnown('Begroting', id, context.asOf, async () => {
    const cut = cutParams(context);
    const budget = await getJson<BudgetExecution>(`/v1/budgets/${encodeURIComponent(id)}/execution`, { ...cut, explain: true });
    const [names, findings] = await Promise.all([taakveldNames(budget.fiscalYear), findingsAbout([`budget-${id}`, ...evidenceStreams(budget.evidence)], cut)]);
    const composition = h('div', { class: 'chart chart-bars-small', role: 'img', 'aria-label': 'Opbouw van de begroting; de cijfers staan ernaast' });
    const execution = h('div', { class: 'chart chart-bars', role: 'img', 'aria-label': 'Uitputting per regel; de cijfers staan in de tabel eronder', 'data-testid': 'execution-bars' });
    const rows = executionRows(budget);
    const content = h(
      'article',
      { class: 'budget' },
      budgetHead(budget, names, cut),
      budget.totals.overrun
        ? h('p', { class: 'notice notice-error', role: 'alert', 'data-testid': 'overrun' }, `Overschrijding: er is ${euro(budget.totals.overrunAmount)} meer verplicht en betaald dan de begroting toelaat.`)
        : null,
      budgetFigures(budget),
      section('Opbouw', h('div', { class: 'split' }, composition, compositionTable(budget))),
      section(
        'Uitputting per regel',
        execution,
        executionTable(rows),
        budget.lines.length === 0 ? h('p', { class: 'hint' }, 'Deze begroting is (nog) niet over regels verdeeld: alle uitgaven staan onder ‘Niet op een regel’.') : null,
      ),
      findingsSection(findings),
      sinceSection('budget-execution', budget.budgetId, null),
    );
    return {
      title: budget.name,
      content,
      journal: budget.journal,
      afterShow: () => {
        bars(composition, compositionRows(budget), [{ name: AMOUNT, colour: COLOURS.funder }]);
        bars(execution, rows, [
          { name: ALLOCATED, colour: COLOURS.allocated },
          { name: REALISED, colour: COLOURS.realised, stack: 'used' },
          { name: OBLIGO, colour: COLOURS.committed, stack: 'used' },
        ]);
      },
    };
  });
};

function budgetHead(budget: BudgetExecution, names: ReadonlyMap<string, string>, cut: Params): HTMLElement {
  return pageHead(
    'Begroting',
    budget.name,
    h(
      'span',
      {},
      h('a', { href: href(['parties', budget.ownerPartyId]) }, budget.ownerName ?? budget.ownerPartyId),
      ` · begrotingsjaar ${budget.fiscalYear} · taakveld `,
      h('span', { 'data-testid': 'taakveld' }, taakveldLabel(budget.taakveld, names)),
    ),
    exportButtons('budget-execution', { ...cut, id: budget.budgetId }),
  );
}

/** The four words of the vocabulary, with the budget they are measured against. */
function budgetFigures(budget: BudgetExecution): HTMLElement {
  return h(
    'div',
    { class: 'figures' },
    figure('Huidige begroting', euro(budget.current), null, { 'data-testid': 'current' }),
    figure('Verplicht', euro(budget.totals.committed), 'toegekend of besteld, betaald of niet'),
    figure('Obligo', euro(budget.totals.obligo), 'verplicht en nog niet betaald'),
    figure('Gerealiseerd', euro(budget.totals.realised)),
    figure('Beschikbaar', euro(budget.totals.available), 'begroting min verplicht', budget.totals.available.startsWith('-') ? { class: 'figure figure-overrun' } : {}),
  );
}

function compositionTable(budget: BudgetExecution): HTMLElement {
  return table(
    null,
    ['', AMOUNT],
    [
      ['Oorspronkelijk (eigen middelen en financiers)', num(euro(budget.initial))],
      ['Begrotingswijzigingen', num(euro(budget.amendments))],
      ['Overhevelingen in', num(euro(budget.transfersIn))],
      ['Overhevelingen uit', num(euro(negated(budget.transfersOut)))],
      [h('strong', {}, 'Huidige begroting'), num(euro(budget.current))],
    ],
  );
}

function executionTable(rows: readonly ExecutionRow[]): HTMLElement {
  return table(
    null,
    ['Regel', ALLOCATED, 'Verplicht', OBLIGO, REALISED, 'Beschikbaar'],
    rows.map((row) => [
      row.marked ? h('span', { class: 'overrun' }, `⚠ ${row.label} `, h('span', { class: 'badge badge-overrun' }, 'overschrijding')) : row.label,
      num(row.values[ALLOCATED] === undefined ? '—' : euro(row.values[ALLOCATED])),
      num(euro(row.committed)),
      num(euro(row.values[OBLIGO])),
      num(euro(row.values[REALISED])),
      row.available?.startsWith('-') ? h('span', { class: 'num overrun' }, euro(row.available)) : num(row.available === undefined ? '—' : euro(row.available)),
    ]),
    { class: 'execution', 'data-testid': 'execution-table' },
  );
}

function negated(amount: string): string {
  return amount === '0.00' ? amount : amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}

function compositionRows(budget: BudgetExecution): BarRow[] {
  return [
    { label: 'Oorspronkelijk', values: { [AMOUNT]: budget.initial } },
    { label: 'Wijzigingen', values: { [AMOUNT]: budget.amendments } },
    { label: 'Overheveling in', values: { [AMOUNT]: budget.transfersIn } },
    { label: 'Overheveling uit', values: { [AMOUNT]: negated(budget.transfersOut) } },
    { label: 'Huidig', values: { [AMOUNT]: budget.current } },
  ];
}

/** The bars stack what was paid and the obligo; together they are what is committed. */
type ExecutionRow = BarRow & { readonly committed: string; readonly available?: string };

/** One row per allocation line, then what no line names, then the whole budget. */
function executionRows(budget: BudgetExecution): ExecutionRow[] {
  const lines: ExecutionRow[] = budget.lines.map((line) => ({
    label: line.description ?? line.lineId,
    values: { [ALLOCATED]: line.allocated, [OBLIGO]: line.obligo, [REALISED]: line.realised },
    committed: line.committed,
    available: line.available,
    marked: line.overrun,
  }));
  const withoutLine: ExecutionRow[] =
    budget.withoutLine.committed !== '0.00' || budget.withoutLine.realised !== '0.00' || budget.lines.length === 0
      ? [{ label: 'Niet op een regel', values: { [OBLIGO]: budget.withoutLine.obligo, [REALISED]: budget.withoutLine.realised }, committed: budget.withoutLine.committed }]
      : [];
  const total: ExecutionRow = {
    label: 'Hele begroting',
    values: { [ALLOCATED]: budget.current, [OBLIGO]: budget.totals.obligo, [REALISED]: budget.totals.realised },
    committed: budget.totals.committed,
    available: budget.totals.available,
    marked: budget.totals.overrun,
  };
  return [...lines, ...withoutLine, total];
}
