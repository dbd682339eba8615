// "What we told the council then, and what changed since": a report as the ledger knew it at a
// past knowledge time (the date a letter went out, or the journal position it cites) beside the
// same report now: its main figures then and now, every figure that differs, and the events
// recorded in between that explain the difference, each with its position, date, type and hash,
// linked to the journal. Both tree heads are named, so a letter that cites one can be checked.
import { CHANGE_REPORTS_NL, changedNl, eventNameNl, figurePathNl, figureValueNl, MEASURES_NL } from '@geldstroom/projections/vocabulary/nl';
import { getJson } from '../api';
import { exportButtons, sinceSection } from '../controls';
import { h, table } from '../dom';
import { amountOf, cents, dateNl, euro, percent, shortHash } from '../format';
import { cutParams, describeAsOf, num, orNotKnown, pageHead, section, type Page } from '../page';
import { href } from '../router';
import type { BudgetExecution, ChangeReport, FundingAccountability, Iv3Matrix, JournalCut, PartySpending, ProgrammeCost, RechtmatigheidRegister, ThenAndNow } from '../types';

type Value = string | number | boolean | null;

/** A main figure of a report, read from one answer. */
interface Headline {
  readonly label: string;
  readonly value: Value;
}

export const changesPage: Page = async (context) => {
  const [, report, id = ''] = context.route.path;
  if (!isChangeReport(report)) return { title: 'Niet gevonden', content: h('section', { class: 'notice notice-error', role: 'alert' }, h('h1', {}, 'Dit rapport kan niet worden vergeleken'), h('a', { href: href([]) }, 'Naar het overzicht')) };
  const then = context.route.query.get('then') ?? '';
  if (!then) return askForThen(report, id, context.year);
  // A programme's cost and a budget's execution have no year of their own (a budget has one fiscal year).
  const year = report === 'programme-cost' || report === 'budget-execution' ? null : context.year;
  return orNotKnown(CHANGE_REPORTS_NL[report], id, context.asOf, async () => {
    const cut = cutParams(context);
    const answer = await getJson<ThenAndNow>(`/v1/changes/${report}/${encodeURIComponent(id)}`, { ...cut, then, year });
    const name = nameOf(answer.now.answer) ?? nameOf(answer.then.answer) ?? id;
    const content = h(
      'article',
      { class: 'report changes' },
      pageHead(
        'Wat is er veranderd sinds…',
        `${CHANGE_REPORTS_NL[report]}: ${name}`,
        h('span', {}, `Toen: ${describeThen(then)}; nu: ${context.asOf ? describeAsOf(context.asOf).replace(/^per /, '') : 'zoals nu bekend'}${answer.year === null ? '' : ` · begrotingsjaar ${answer.year}`} · `, h('a', { href: href(entityPath(report, id)) }, 'naar het rapport')),
        exportButtons('then-and-now', { ...cut, id, report, then, year }),
      ),
      section(
        'Toen en nu',
        treeHeads(answer.then.journal, answer.now.journal),
        table(null, ['Cijfer', 'Toen', 'Nu', 'Verschil'], headlineRows(report, answer), { 'data-testid': 'then-now-figures' }),
      ),
      section(
        `Wat er veranderde (${answer.changes.length})`,
        answer.changes.length === 0
          ? h('p', { class: 'empty', 'data-testid': 'no-changes' }, 'Geen enkel cijfer is veranderd.')
          : table(null, ['Cijfer', 'Toen', 'Nu', 'Verschil'], answer.changes.map((c) => [h('span', { class: 'figure', title: c.path }, figurePathNl(c.path)), valueCell(c.then, c.path), valueCell(c.now, c.path), valueCell(c.difference, c.path)]), { class: 'changes', 'data-testid': 'changes' }),
      ),
      eventsSection(answer),
      sinceSection(report, id, year, then),
    );
    return { title: `Veranderd sinds ${describeThen(then)}: ${name}`, content, journal: answer.journal };
  });
};

function isChangeReport(report: string | undefined): report is ChangeReport {
  return report !== undefined && Object.hasOwn(CHANGE_REPORTS_NL, report);
}

function askForThen(report: ChangeReport, id: string, year: number | null) {
  return {
    title: 'Wat is er veranderd sinds…',
    content: h('article', { class: 'report changes' }, pageHead('Wat is er veranderd sinds…', `${CHANGE_REPORTS_NL[report]}: ${id}`, 'Kies het moment waarop de raad werd geïnformeerd.'), sinceSection(report, id, year)),
  };
}

/** "journaalpositie 15" or "8 juli 2024". */
function describeThen(then: string): string {
  return /^\d+$/.test(then) ? `journaalpositie ${then}` : describeAsOf(then).replace(/^per /, '');
}

function entityPath(report: ChangeReport, id: string): string[] {
  switch (report) {
    case 'programme-cost':
      return ['programmes', id];
    case 'budget-execution':
      return ['budgets', id];
    case 'party-spending':
      return ['parties', id];
    default:
      return ['parties', id, report === 'iv3-matrix' ? 'iv3' : report];
  }
}

function nameOf(answer: unknown): string | null {
  const name = answer && typeof answer === 'object' ? (answer as { name?: unknown }).name : null;
  return typeof name === 'string' ? name : null;
}

function treeHeads(then: JournalCut, now: JournalCut): HTMLElement {
  const head = (label: string, cut: JournalCut, testId: string) =>
    h('li', { 'data-testid': testId }, `${label}: journaalpositie ${cut.position}, boomhoofd `, h('code', { class: 'hash' }, cut.rootHash));
  return h('ul', { class: 'tree-heads' }, head('Toen', then, 'then-head'), head('Nu', now, 'now-head'));
}

/** The report's main figures then and now, side by side; a figure only one side has is shown as —. */
function headlineRows(report: ChangeReport, answer: ThenAndNow): (Node | string)[][] {
  const [before, after] = [headlines(report, answer.then.answer), headlines(report, answer.now.answer)];
  const labels = [...new Set([...before.map((f) => f.label), ...after.map((f) => f.label)])];
  const valueOf = (list: readonly Headline[], label: string) => list.find((f) => f.label === label)?.value ?? null;
  return labels.map((label) => {
    const [a, b] = [valueOf(before, label), valueOf(after, label)];
    const changed = a !== b;
    return [changed ? h('strong', {}, label) : label, valueCell(a), valueCell(b), changed ? valueCell(difference(a, b)) : ''];
  });
}

function headlines(report: ChangeReport, answer: unknown): Headline[] {
  if (!answer) return [];
  switch (report) {
    case 'programme-cost': {
      const a = answer as ProgrammeCost;
      return [
        { label: 'Verplicht', value: a.committed },
        { label: 'Gerealiseerd', value: a.realised },
        { label: 'Obligo', value: a.obligo },
        { label: 'Deelnemers', value: a.participants },
        { label: 'Kosten per deelnemer', value: a.costPerParticipant },
      ];
    }
    case 'budget-execution': {
      const a = answer as BudgetExecution;
      return [
        { label: 'Huidige begroting', value: a.current },
        { label: 'Verplicht', value: a.totals.committed },
        { label: 'Obligo', value: a.totals.obligo },
        { label: 'Gerealiseerd', value: a.totals.realised },
        { label: 'Beschikbaar', value: a.totals.available },
      ];
    }
    case 'party-spending':
      return (answer as PartySpending).years.flatMap((y) => [
        { label: `${y.year}: verplicht`, value: y.committed },
        { label: `${y.year}: obligo`, value: y.obligo },
        { label: `${y.year}: gerealiseerd`, value: y.realised },
      ]);
    case 'iv3-matrix': {
      const a = answer as Iv3Matrix;
      return [
        { label: 'Lasten', value: a.totals.lasten },
        { label: 'Baten', value: a.totals.baten },
        { label: 'Saldo', value: a.totals.saldo },
      ];
    }
    case 'funding-accountability':
      return (answer as FundingAccountability).statements.flatMap((s) => {
        const who = `${s.funderName ?? s.funderPartyId}${s.regulationCode ? ` (${s.regulationCode})` : ''}`;
        return [
          { label: `${who}: ontvangen`, value: s.received },
          { label: `${who}: besteed`, value: s.spent },
          { label: `${who}: niet besteed`, value: s.unspent },
        ];
      });
    case 'rechtmatigheid': {
      const a = answer as RechtmatigheidRegister;
      return [
        { label: 'Lasten', value: a.lasten },
        { label: 'Fouten', value: a.totals.errors },
        { label: 'Onzekerheden', value: a.totals.uncertainties },
        { label: 'Verantwoordingsgrens', value: a.verantwoordingsgrens },
      ];
    }
  }
}

const AMOUNT = /^-?\d+\.\d{2}$/;

/** Shares and percentages have the form of an amount ("66.67"); the figure's name says which it is. */
const PERCENT_PATH = /(share|Percent)$/;

/** Amounts and counts line up on the right; words (a reason, a status) wrap like text. */
function valueCell(value: Value, path = ''): HTMLElement {
  if (typeof value === 'string' && AMOUNT.test(value) && PERCENT_PATH.test(path)) return num(percent(value));
  if (typeof value === 'number' || value === null || (typeof value === 'string' && AMOUNT.test(value))) return num(shown(value));
  // A word a figure holds (a warning level, a review state, a kind) in Dutch; an id or a code as it is.
  return h('span', { class: 'text-value' }, typeof value === 'string' ? figureValueNl(path, value) : shown(value));
}

/** An amount in euros, a count as a number, yes or no, or — for nothing. */
function shown(value: Value): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'ja' : 'nee';
  if (typeof value === 'string' && AMOUNT.test(value)) return euro(value);
  return String(value);
}

/** now − then for two counts or two amounts (exactly, in cents; a missing amount counts as 0); null otherwise. */
function difference(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return b - a;
  const centsOf = (v: Value): bigint | null => (v === null ? 0n : typeof v === 'string' && AMOUNT.test(v) ? cents(v) : null);
  const [x, y] = [centsOf(a), centsOf(b)];
  return x === null || y === null ? null : amountOf(y - x);
}

function eventsSection(answer: ThenAndNow): HTMLElement {
  return section(
    `Vastgelegd tussen toen en nu (${answer.events.length + answer.eventsNotListed})`,
    h('p', { class: 'hint' }, 'De gebeurtenissen die een cijfer van dit rapport verschoven (ook een correctie of terugdraaiing van een eerdere boeking), of die over het onderwerp zelf gaan. Elke positie leidt naar het journaal.'),
    answer.events.length === 0
      ? h('p', { class: 'empty' }, 'Niets vastgelegd dat dit rapport raakt.')
      : table(
          null,
          ['Positie', 'Datum', 'Gebeurtenis', 'Stroom', 'Bron', 'Verschoof', 'Hash'],
          answer.events.map((e) => [
            h('a', { href: href(['journal'], { at: e.position, on: null }) }, String(e.position)),
            h('span', { class: 'nowrap' }, dateNl(e.effectiveDate, e.effectiveDatePrecision ?? 'day')),
            eventNameNl(e.type),
            h('code', {}, e.streamId),
            e.sourceReference ?? '',
            movedText(e),
            h('code', { title: e.hash }, shortHash(e.hash)),
          ]),
          { 'data-testid': 'changed-by' },
        ),
    answer.eventsNotListed > 0 ? h('p', { class: 'hint' }, `En nog ${answer.eventsNotListed} gebeurtenissen, niet getoond: de export bevat ze.`) : null,
  );
}

function movedText(e: ThenAndNow['events'][number]): string {
  const said = Object.entries(e.moved).map(([measure, value]) => `${measureNl(measure)} ${typeof value === 'string' && AMOUNT.test(value) ? euro(value) : String(value)}`);
  return [...said, ...changedNl(e.changedEvents, e.changedFindings)].join('; ');
}

/** The answer names a money measure without its unit ("realised" for realisedCents). */
function measureNl(measure: string): string {
  const names = MEASURES_NL as Record<string, string>;
  return names[`${measure}Cents`] ?? names[measure] ?? measure;
}
