// A party's Iv3 matrix for one fiscal year: its lasten (realised) per taakveld, named as the
// catalogue in force for the year names it, split over the six groups of economic categories, its
// baten (a specific grant as it is spent), and the saldo; each cell's Iv3 code; what each specific
// grant held at the start and end of the year; and the reconciliation with the party's own view of
// its spending, kind by kind, that shows the matrix accounts for every cent.
import { ECONOMIC_GROUPS_NL, SPENDING_KINDS_NL } from '@geldstroom/projections/vocabulary/nl';
import { getJson } from '../api';
import { exportButtons, sinceSection, yearSelect } from '../controls';
import { figure, h, table } from '../dom';
import { amountOf, cents, euro } from '../format';
import { cutParams, num, orNotKnown, pageHead, section, type Page } from '../page';
import { partyNav, reportYear } from '../party-nav';
import { href } from '../router';
import type { BudgetEntry, Catalogue, Iv3Cell, Iv3Matrix, Iv3Row } from '../types';

export const iv3Page: Page = (context) => {
  const id = context.route.path[1] ?? '';
  return orNotKnown('Partij', id, context.asOf, async () => {
    const cut = cutParams(context);
    const budgets = await getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf: context.asOf });
    const years = budgets.entries.filter((b) => b.ownerPartyId === id).map((b) => b.fiscalYear);
    const year = reportYear(context, years);
    const matrix = await getJson<Iv3Matrix>(`/v1/parties/${encodeURIComponent(id)}/iv3`, { ...cut, year });
    const name = matrix.name ?? matrix.partyId;
    const content = h(
      'article',
      { class: 'report iv3' },
      pageHead(
        'Iv3-matrix',
        `${name} · ${year}`,
        'Lasten en baten (gerealiseerd) per taakveld en economische categorie, uit het eigen overzicht van de partij.',
        yearSelect(years, year, { allYears: false }),
        exportButtons('iv3-matrix', { ...cut, id, year }),
      ),
      partyNav(id, 'iv3'),
      h(
        'div',
        { class: 'figures' },
        figure('Lasten', euro(matrix.totals.lasten), null, { 'data-testid': 'iv3-lasten' }),
        figure('Baten', euro(matrix.totals.baten), 'van anderen: externe financiers en begrotingen van andere partijen; een specifieke uitkering naar wat ervan besteed is', { 'data-testid': 'iv3-baten' }),
        figure('Saldo', euro(matrix.totals.saldo), 'baten min lasten', { 'data-testid': 'iv3-saldo' }),
      ),
      reconciliation(matrix),
      unknownTaakvelden(matrix),
      section('Per taakveld', matrixTable(matrix), sourcesNote(matrix)),
      section('Per economische categorie', categoriesTable(matrix)),
      section(
        'Niet in de matrix',
        table(
          null,
          ['', 'Bedrag'],
          [
            ['Eigen middelen in de begrotingen (geen baten)', num(euro(matrix.notInMatrix.ownMeans))],
            ['Tussen eigen begrotingen overgeheveld (geen lasten of baten)', num(euro(matrix.notInMatrix.betweenOwnBudgets))],
            ['Specifieke uitkeringen: dit jaar ontvangen min besteed (vooruitontvangen, balans)', num(euro(matrix.notInMatrix.specificGrantsHeld))],
          ],
          { 'data-testid': 'iv3-not-in-matrix' },
        ),
      ),
      specificGrants(matrix),
      sinceSection('iv3-matrix', id, year),
    );
    return { title: `Iv3-matrix ${name} ${year}`, content, journal: matrix.journal };
  });
};

/** The matrix as a controller reads it: a row per taakveld, a column per group of lasten, then lasten, baten and saldo. */
function matrixTable(matrix: Iv3Matrix): HTMLElement {
  const groups = matrix.totals.lastenByGroup.map((g) => g.group);
  const inGroup = (cells: readonly Iv3Cell[], group: string) => cells.filter((c) => c.group === group).map((c) => c.amount);
  const row = (label: Node | string, lastenByCategory: readonly Iv3Cell[], lasten: string, baten: string, saldo: string) => [
    label,
    ...groups.map((group) => num(sumLabel(inGroup(lastenByCategory, group)))),
    num(euro(lasten)),
    num(euro(baten)),
    num(euro(saldo)),
  ];
  return table(
    `Iv3-matrix ${matrix.year}`,
    ['Taakveld', ...groups.map((g) => ECONOMIC_GROUPS_NL[g]), 'Lasten', 'Baten', 'Saldo'],
    [
      ...matrix.rows.map((r) => row(taakveldCell(r), r.lastenByCategory, r.lasten, r.baten, r.saldo)),
      row(h('strong', {}, 'Totaal'), matrix.totals.lastenByCategory, matrix.totals.lasten, matrix.totals.baten, matrix.totals.saldo),
    ],
    { 'data-testid': 'iv3-matrix' },
  );
}

/** Several Iv3 cells can fall in one group (4.2 and 4.3.8 are both subsidies): added exactly, in cents. */
function sumLabel(amounts: readonly string[]): string {
  return amounts.length === 0 ? '—' : euro(amountOf(amounts.reduce((sum, amount) => sum + cents(amount), 0n)));
}

function taakveldCell(row: Iv3Row): Node | string {
  if (row.known) return `${row.taakveld} ${row.name ?? ''}`.trim();
  return h('span', { class: 'overrun' }, `⚠ ${row.taakveld} `, h('span', { class: 'badge badge-overrun' }, 'onbekend in de catalogus'));
}

function categoriesTable(matrix: Iv3Matrix): HTMLElement {
  const rows = matrix.rows.flatMap((r) => [
    ...r.lastenByCategory.map((c) => [taakveldCell(r), 'lasten', ...categoryCells(c)]),
    ...r.batenByCategory.map((c) => [taakveldCell(r), 'baten', ...categoryCells(c)]),
  ]);
  return h(
    'div',
    {},
    rows.length === 0 ? h('p', { class: 'empty' }, `Geen lasten of baten in ${matrix.year}.`) : table(null, ['Taakveld', 'Lasten/baten', 'Code', 'Categorie', 'Groep', 'Bedrag'], rows, { 'data-testid': 'iv3-categories' }),
    matrix.rows.some((r) => [...r.lastenByCategory, ...r.batenByCategory].some((c) => c.judgement))
      ? h('p', { class: 'hint' }, '* De code hangt af van wie de tegenpartij is: een standaardkeuze, die de controller nagaat.')
      : null,
  );
}

function categoryCells(cell: Iv3Cell): (Node | string)[] {
  return [cell.code ? `${cell.code}${cell.judgement ? ' *' : ''}` : '—', cell.name, cell.group ? ECONOMIC_GROUPS_NL[cell.group] : '', num(euro(cell.amount))];
}

/** The matrix's lasten beside the own view, kind by kind: equal to the cent, or the difference said plainly. */
function reconciliation(matrix: Iv3Matrix): HTMLElement {
  const r = matrix.reconciliation;
  return section(
    'Aansluiting op het eigen overzicht',
    h(
      'p',
      { class: r.reconciles ? 'notice notice-ok' : 'notice notice-error', role: r.reconciles ? 'status' : 'alert', 'data-testid': 'iv3-reconciliation' },
      r.reconciles
        ? `Sluit aan: de lasten in de matrix (${euro(r.matrixLasten)}) zijn gelijk aan de gerealiseerde besteding in het eigen overzicht (${euro(r.ownViewRealised)}).`
        : `Sluit niet aan: de matrix heeft ${euro(r.matrixLasten)} aan lasten, het eigen overzicht ${euro(r.ownViewRealised)}; verschil ${euro(r.difference)}.`,
    ),
    table(
      null,
      ['Soort', 'Eigen overzicht', 'Matrix'],
      r.byKind.map((k) => [SPENDING_KINDS_NL[k.kind] ?? k.kind, num(euro(k.ownView)), k.ownView === k.matrix ? num(euro(k.matrix)) : h('span', { class: 'num overrun' }, `⚠ ${euro(k.matrix)}`)]),
      { 'data-testid': 'iv3-reconciliation-kinds' },
    ),
  );
}

/** Per specific grant: what was held for the funder at the start of the year, came in, was spent (baten) and is held at its end. */
function specificGrants(matrix: Iv3Matrix): HTMLElement | null {
  if (matrix.specificGrants.length === 0) return null;
  return section(
    'Specifieke uitkeringen',
    h('p', { class: 'hint' }, 'Baten voor zover besteed, op het taakveld waar besteed; wat niet besteed is, staat op de balans als vooruitontvangen (BBV art. 49). De stand eind van het jaar is het niet bestede bedrag in de verantwoording per financiering.'),
    table(
      null,
      ['Verstrekker', 'Regeling', 'Stand 1 januari', 'Ontvangen', 'Besteed (baten)', 'Stand 31 december'],
      matrix.specificGrants.map((g) => [g.funderName ?? g.funderPartyId, g.regulationCode, num(euro(g.balanceAtStart)), num(euro(g.received)), num(euro(g.recognised)), num(euro(g.balanceAtEnd))]),
      { 'data-testid': 'iv3-specific-grants' },
    ),
  );
}

function unknownTaakvelden(matrix: Iv3Matrix): HTMLElement | null {
  if (matrix.unknownTaakvelden.length === 0) return null;
  return h(
    'div',
    { class: 'notice notice-error', role: 'alert', 'data-testid': 'iv3-unknown' },
    h('p', {}, `Begrotingen op een taakveld dat de catalogus van ${matrix.year} niet kent (elk een bevinding):`),
    h('ul', {}, ...matrix.unknownTaakvelden.map((u) => h('li', {}, h('a', { href: href(['budgets', u.budgetId]) }, u.budgetId), ` — taakveld ${u.taakveld}`))),
  );
}

function sourcesNote(matrix: Iv3Matrix): HTMLElement {
  return h(
    'p',
    { class: 'hint' },
    matrix.catalogue ? `Taakvelden volgens ${matrix.catalogue.id}: ${matrix.catalogue.source}. ` : `Geen taakveldcatalogus voor ${matrix.year}. `,
    matrix.categories ? `Economische categorieën volgens ${matrix.categories.id}: ${matrix.categories.source}.` : `Geen categorieënindeling voor ${matrix.year}.`,
  );
}
