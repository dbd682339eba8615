// The reports a municipality files as tables in the shape a controller hands on: one row per
// figure (long form), Dutch headers, money as the queries' two-decimal strings (the writers make
// them Dutch or numbers). Built from the same queries the API answers with, at one cut.
import type { Measure, SpendingKind } from '../../model/movement';
import type { PartySpending } from '../../queries/spending';
import { AMOUNT_BASIS_NL, changedNl, ECONOMIC_GROUPS_NL, eventNameNl, figurePathNl, figureValueNl, MEASURES_NL, OMVANGSBASIS_FROM_NL, reviewStateNl, SPENDING_KINDS_NL, WARNING_LEVELS_NL } from '../../vocabulary/nl';
import type { FundingAccountability } from '../../reports/funding-accountability';
import type { Iv3Cell, Iv3Matrix } from '../../reports/iv3-matrix';
import type { RechtmatigheidRegister, RegisterEntry } from '../../reports/rechtmatigheid-register';
import { AMOUNT, isIdentifierPath, type ThenAndNow } from '../../reports/then-and-now';
import { column, textCell, type Cell } from '../table';

const yesNo = (value: boolean | null): string | null => (value === null ? null : value ? 'ja' : 'nee');

export const PARTY_SPENDING_COLUMNS = [
  column('partij-id'),
  column('partij'),
  column('begrotingsjaar', 'integer'),
  column('rij'),
  column('taakveld'),
  column('soort'),
  column('tegenpartij-id'),
  column('verplicht (EUR)', 'money'),
  column('obligo (EUR)', 'money'),
  column('gerealiseerd (EUR)', 'money'),
];

/**
 * Per year: each taakveld's kinds of cost (rij `lasten`: these add up to the total), the
 * contributions among them per receiving party (`waarvan`: already in the lasten), the money moved
 * between the party's own budgets (`geen lasten`), and the year's total (`totaal`).
 */
export function partySpendingRows(answer: PartySpending): Cell[][] {
  const head = [answer.partyId, answer.name];
  return answer.years.flatMap((year) => [
    ...year.byTaakveld.flatMap((t) =>
      Object.entries(t.byKind)
        .filter(([, f]) => f.committed !== '0.00' || f.realised !== '0.00')
        .map(([kind, f]): Cell[] => [...head, year.year, 'lasten', t.taakveld, SPENDING_KINDS_NL[kind as SpendingKind] ?? kind, null, f.committed, f.obligo, f.realised]),
    ),
    ...year.contributions.map((c): Cell[] => [...head, year.year, 'waarvan', null, `bijdrage (${c.via === 'transfer' ? 'overheveling' : 'uitgave'})`, c.partyId, c.committed, null, c.realised]),
    [...head, year.year, 'geen lasten', null, 'tussen eigen begrotingen', null, null, null, year.betweenOwnBudgets],
    [...head, year.year, 'totaal', null, 'totaal lasten', null, year.committed, year.obligo, year.realised],
  ]);
}

export const IV3_COLUMNS = [
  column('partij-id'),
  column('partij'),
  column('jaar', 'integer'),
  column('taakveld'),
  column('taakveld naam'),
  column('lasten/baten'),
  column('economische categorie'),
  column('categorie naam'),
  column('groep'),
  column('bedrag (EUR)', 'money'),
  column('eigen overzicht (EUR)', 'money'),
  column('toelichting'),
];

/** Per taakveld and category, the totals, and the reconciliation with the own view. */
export function iv3Rows(matrix: Iv3Matrix): Cell[][] {
  const head = [matrix.partyId, matrix.name, matrix.year];
  const cell = (taakveld: string | null, name: string | null, side: string, c: Iv3Cell): Cell[] => [
    ...head, taakveld, name, side, c.code, c.name, c.group === null ? null : ECONOMIC_GROUPS_NL[c.group], c.amount, null, c.judgement ? 'code hangt af van de tegenpartij' : null,
  ];
  const unknown = new Set(matrix.unknownTaakvelden.map((u) => u.taakveld));
  return [
    ...matrix.rows.flatMap((row) => [
      ...row.lastenByCategory.map((c) => cell(row.taakveld, row.name, 'lasten', c)),
      ...row.batenByCategory.map((c) => cell(row.taakveld, row.name, 'baten', c)),
      [...head, row.taakveld, row.name, 'saldo', null, null, null, row.saldo, null, unknown.has(row.taakveld) ? 'taakveld onbekend in de catalogus van het jaar: bevinding' : null],
    ]),
    [...head, null, null, 'totaal lasten', null, null, null, matrix.totals.lasten, matrix.reconciliation.ownViewRealised, matrix.reconciliation.reconciles ? 'sluit aan' : `verschil ${matrix.reconciliation.difference}`],
    [...head, null, null, 'totaal baten', null, null, null, matrix.totals.baten, null, null],
    ...matrix.specificGrants.flatMap((g) =>
      ([['stand 1 januari', g.balanceAtStart], ['ontvangen', g.received], ['besteed (baten)', g.recognised], ['stand 31 december', g.balanceAtEnd]] as const).map(
        ([what, amount]): Cell[] => [...head, null, null, `specifieke uitkering: ${what}`, null, null, null, amount, null, `regeling ${g.regulationCode} van ${g.funderName ?? g.funderPartyId}`],
      ),
    ),
    ...matrix.reconciliation.byKind.map((k): Cell[] => [...head, null, null, 'aansluiting', null, SPENDING_KINDS_NL[k.kind], null, k.matrix, k.ownView, null]),
  ];
}

export const FUNDING_COLUMNS = [
  column('partij-id'),
  column('verstrekker-id'),
  column('verstrekker'),
  column('regelingcode'),
  column('code bevestigd'),
  column('jaar', 'integer'),
  column('ontvangen (EUR)', 'money'),
  column('besteed (EUR)', 'money'),
  column('waarvan doorbetaald (EUR)', 'money'),
  column('cumulatief ontvangen (EUR)', 'money'),
  column('cumulatief besteed (EUR)', 'money'),
  column('niet besteed (EUR)', 'money'),
  column('deelwaarneming'),
  column('bevindingen', 'integer'),
];

/** One row per funding and year; its findings are those about the spending charged to that year's budgets. */
export function fundingRows(answer: FundingAccountability): Cell[][] {
  return answer.statements.flatMap((s) =>
    s.years.map((y): Cell[] => [
      answer.partyId, s.funderPartyId, s.funderName, s.regulationCode, s.regulation ? yesNo(s.regulation.codeConfirmed) : null, y.year,
      y.received, y.spent, y.passedOn, y.cumulativeReceived, y.cumulativeSpent, y.unspent, yesNo(y.deelwaarneming), y.findings,
    ]),
  );
}

export const RECHTMATIGHEID_COLUMNS = [
  column('partij-id'),
  column('jaar', 'integer'),
  column('regel'),
  column('bevinding'),
  column('soort'),
  column('datum'),
  column('criterium'),
  column('fout/onzekerheid'),
  column('bedrag (EUR)', 'money'),
  column('grondslag bedrag'),
  column('boven rapportagegrens'),
  column('beoordeling'),
  column('beoordeling verouderd'),
  column('toelichting'),
];

/**
 * The afwijkingen, the signals, and the year's totals against the goedkeuringstolerantie and the
 * grens, with the omvangsbasis both are a share of and where it came from, as the answer gives them.
 */
export function rechtmatigheidRows(register: RechtmatigheidRegister): Cell[][] {
  const head = [register.partyId, register.year];
  const entry = (kind: string, e: RegisterEntry): Cell[] => [
    ...head, kind, e.findingId, e.kind, e.date, e.criterion, e.class, e.amount, e.amountBasis === null ? null : (AMOUNT_BASIS_NL[e.kind] ?? e.amountBasis),
    yesNo(e.aboveRapportagegrens), reviewStateNl(e.reviewState), e.review ? yesNo(e.reviewStale) : null, e.review?.note ?? null,
  ];
  const total = (label: string, amount: string | null, note: string | null = null): Cell[] => [...head, label, null, null, null, null, null, amount, null, null, null, null, note];
  return [
    ...register.entries.map((e) => entry('afwijking', e)),
    ...register.signals.map((e) => entry('signaal', e)),
    total('totaal fouten', register.totals.errors),
    total('totaal onzekerheden', register.totals.uncertainties),
    total('lasten', register.lasten),
    total('omvangsbasis', register.omvangsbasis.amount, OMVANGSBASIS_FROM_NL[register.omvangsbasis.from]),
    ...toleranceRows(register).map(([label, amount]) => total(label, amount, yesNo(register.withinGoedkeuringstolerantie) === 'ja' ? 'binnen de tolerantie' : 'niet binnen de tolerantie')),
    total('verantwoordingsgrens', register.verantwoordingsgrens, register.earlyWarning ? `stand: ${WARNING_LEVELS_NL[register.earlyWarning.level]}` : 'geen drempels voor dit jaar'),
  ];
}

/** The goedkeuringstolerantie as amounts: fouten and onzekerheden apart (to 2024) or together (from 2025). */
function toleranceRows(register: RechtmatigheidRegister): [string, string | null][] {
  const t = register.goedkeuringstolerantie;
  if (t === null) return [];
  if (t.mode === 'combined') return [['goedkeuringstolerantie fouten en onzekerheden samen', t.combined]];
  return [['goedkeuringstolerantie fouten', t.errors], ['goedkeuringstolerantie onzekerheden', t.uncertainties]];
}

export const THEN_AND_NOW_COLUMNS = [
  column('rapport'),
  column('id'),
  column('regel'),
  column('onderdeel'),
  column('cijfer'),
  column('toen', 'figure'),
  column('nu', 'figure'),
  column('verschil', 'figure'),
  column('positie', 'integer'),
  column('type'),
  column('stroom'),
  column('datum'),
  column('hash'),
];

/** The figures that changed, then the events recorded in between, in Dutch (the answer's path beside each figure). */
export function thenAndNowRows(answer: ThenAndNow): Cell[][] {
  const head = [answer.report, answer.id];
  // A figure as it is: an amount or percentage (a two-decimal string), a count, or a word; a code
  // that names an element (a taakveld) as text, a word that does (a finding's kind) in Dutch.
  const figure = (path: string, value: unknown): Cell => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return yesNo(value);
    if (isIdentifierPath(path)) return textCell(figureValueNl(path, String(value)));
    if (typeof value === 'number') return value;
    return AMOUNT.test(String(value)) ? String(value) : figureValueNl(path, String(value));
  };
  return [
    ...answer.changes.map((c): Cell[] => [...head, 'wijziging', c.path, figurePathNl(c.path), figure(c.path, c.then), figure(c.path, c.now), figure(c.path, c.difference), null, null, null, null, null]),
    ...answer.events.map((e): Cell[] => [
      ...head, 'gebeurtenis', movedNl(e), null, null, null, null, e.position, eventNameNl(e.type), e.streamId, e.effectiveDate, e.hash,
    ]),
  ];
}

/**
 * What an event moved, in words, and the events whose figures it changed (what a reversal
 * reversed), as the web page says it: "gerealiseerd -50000,00; wijzigt positie 71".
 */
function movedNl(e: ThenAndNow['events'][number]): string | null {
  const said = Object.entries(e.moved).map(([measure, v]) => `${MEASURES_NL[`${measure}Cents` as Measure] ?? MEASURES_NL[measure as Measure] ?? measure} ${typeof v === 'string' ? v.replace('.', ',') : v}`);
  return [...said, ...changedNl(e.changedEvents, e.changedFindings)].join('; ') || null;
}
