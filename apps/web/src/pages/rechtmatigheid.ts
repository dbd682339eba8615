// A party's rechtmatigheid register for one fiscal year: every finding it is accountable for,
// classed by criterion as a fout or an onzekerheid, with the amount of the afwijking and where its
// review stands; the year's totals set against the verantwoordingsgrens the raad set (a share of
// the year's lasten), with the early warning, the rapportagegrens and the accountant's
// goedkeuringstolerantie. Signals (no afwijking by themselves) are listed apart, never counted.
import { CRITERIA_NL, findingKindNl, reviewStateNl, WARNING_LEVELS_NL } from '@geldstroom/projections/vocabulary/nl';
import { getJson } from '../api';
import { exportButtons, sinceSection, yearSelect } from '../controls';
import { figure, h, table } from '../dom';
import { count, dateNl, euro, percent } from '../format';
import { cutParams, num, orNotKnown, pageHead, section, type Page } from '../page';
import { partyNav, reportYear } from '../party-nav';
import { href } from '../router';
import type { BudgetEntry, Catalogue, RechtmatigheidRegister, RegisterEntry } from '../types';

export const rechtmatigheidPage: Page = (context) => {
  const id = context.route.path[1] ?? '';
  return orNotKnown('Partij', id, context.asOf, async () => {
    const cut = cutParams(context);
    const budgets = await getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf: context.asOf });
    const years = budgets.entries.filter((b) => b.ownerPartyId === id).map((b) => b.fiscalYear);
    const year = reportYear(context, years);
    const register = await getJson<RechtmatigheidRegister>(`/v1/parties/${encodeURIComponent(id)}/rechtmatigheid`, { ...cut, year });
    const name = register.name ?? register.partyId;
    const content = h(
      'article',
      { class: 'report rechtmatigheid' },
      pageHead(
        'Rechtmatigheidsregister',
        `${name} · ${year}`,
        'Elke bevinding waarvoor de partij verantwoordelijk is, per criterium als fout of onzekerheid, met haar beoordeling; de totalen tegen de grenzen die de raad stelde.',
        yearSelect(years, year, { allYears: false }),
        exportButtons('rechtmatigheid', { ...cut, id, year }),
      ),
      partyNav(id, 'rechtmatigheid'),
      h(
        'div',
        { class: 'figures' },
        figure('Fouten', euro(register.totals.errors), null, { 'data-testid': 'register-errors' }),
        figure('Onzekerheden', euro(register.totals.uncertainties), null, { 'data-testid': 'register-uncertainties' }),
        figure('Totaal afwijkingen', euro(register.totals.total), null, { 'data-testid': 'register-total' }),
        figure('Lasten van het jaar', euro(register.lasten), 'gerealiseerd, eigen overzicht', { 'data-testid': 'register-lasten' }),
      ),
      thresholdsSection(register),
      section(
        'Per criterium',
        table(
          null,
          ['Criterium', 'Fouten', 'Onzekerheden', 'Aantal'],
          register.totals.byCriterion.map((c) => [CRITERIA_NL[c.criterion] ?? c.criterion, num(euro(c.errors)), num(euro(c.uncertainties)), num(count(c.count))]),
          { 'data-testid': 'register-by-criterion' },
        ),
        register.totals.byReviewState.length === 0
          ? null
          : table('Naar beoordeling', ['Beoordeling', 'Aantal', 'Waarvan sindsdien veranderd', 'Bedrag'], register.totals.byReviewState.map((s) => [reviewStateNl(s.state), num(count(s.count)), num(count(s.stale)), num(euro(s.amount))]), { 'data-testid': 'register-by-review' }),
        h('p', { class: 'hint' }, 'De totalen tellen elke fout en onzekerheid, hoe zij ook beoordeeld is. Misbruik en oneigenlijk gebruik telt waar het grootboek een geval vastlegt; het kent daar nog geen gebeurtenis voor, dus dat criterium blijft op nul.'),
      ),
      section(
        `Afwijkingen (${register.entries.length})`,
        register.entries.length === 0 ? h('p', { class: 'empty' }, `Geen fouten of onzekerheden in ${year}.`) : entriesTable(register.entries, 'register-entries', true),
      ),
      section(
        `Signalen, niet geteld (${register.signals.length})`,
        h('p', { class: 'hint' }, 'Bevindingen die op zichzelf geen afwijking zijn (een begrotingsregel overschreden, meer uitkomsten dan deelnemers, een onbekend taakveld): voor de controller om na te gaan.'),
        register.signals.length === 0 ? null : entriesTable(register.signals, 'register-signals', false),
      ),
      sinceSection('rechtmatigheid', id, year),
    );
    return { title: `Rechtmatigheid ${name} ${year}`, content, journal: register.journal };
  });
};

/** The verantwoordingsgrens and the early warning, the rapportagegrens, and the accountant's tolerance. */
function thresholdsSection(register: RechtmatigheidRegister): HTMLElement {
  const t = register.thresholds;
  const warning = register.earlyWarning;
  if (!t || !warning || register.verantwoordingsgrens === null) {
    return section('Verantwoordingsgrens', h('p', { class: 'notice notice-absent', 'data-testid': 'early-warning' }, `Voor ${register.year} zijn geen grenzen vastgelegd (config/rechtmatigheid.json).`));
  }
  const used = warning.usedPercent === null ? '' : ` (${percent(warning.usedPercent)} van de lasten)`;
  const level = { clear: 'notice-ok', approaching: 'notice-absent', over: 'notice-error' }[warning.level];
  const tolerance = t.law.goedkeuringstolerantie;
  return section(
    'Verantwoordingsgrens',
    h(
      'p',
      { class: `notice ${level}`, role: warning.level === 'clear' ? 'status' : 'alert', 'data-testid': 'early-warning' },
      h('strong', {}, `${WARNING_LEVELS_NL[warning.level]}: `),
      `de afwijkingen samen zijn ${euro(register.totals.total)}${used}; de grens is ${euro(register.verantwoordingsgrens)} (${percent(t.council.verantwoordingsgrensPercent)} van de lasten), `,
      `waarschuwing vanaf ${euro(warning.warningFrom)}, `,
      warning.headroom.startsWith('-') ? `${euro(warning.headroom.slice(1))} erboven.` : `nog ${euro(warning.headroom)} ruimte.`,
    ),
    table(
      null,
      ['Grens', 'Waarde'],
      [
        ['Verantwoordingsgrens (raad)', `${percent(t.council.verantwoordingsgrensPercent)} van de lasten: ${euro(register.verantwoordingsgrens)}`],
        ['Rapportagegrens per afwijking (raad)', euro(t.council.rapportagegrens)],
        [
          `Goedkeuringstolerantie (${t.law.id})`,
          `${tolerance.mode === 'separate' ? `fouten ${percent(basisPoints(tolerance.errorsBasisPoints))}, onzekerheden ${percent(basisPoints(tolerance.uncertaintiesBasisPoints))}` : `samen ${percent(basisPoints(tolerance.combinedBasisPoints))}`} van de lasten: ${register.withinGoedkeuringstolerantie === null ? 'onbekend' : register.withinGoedkeuringstolerantie ? 'binnen' : 'overschreden'}`,
        ],
      ],
      { 'data-testid': 'register-thresholds' },
    ),
    h('p', { class: 'hint' }, `Grenzen van de raad: ${t.council.source}`),
  );
}

/** Basis points (100 = 1%) as the two-decimal percentage the page shows: 100 → "1.00". */
function basisPoints(value: number): string {
  return `${Math.trunc(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

function entriesTable(entries: readonly RegisterEntry[], testId: string, counted: boolean): HTMLElement {
  return table(
    null,
    ['Bevinding', 'Datum', ...(counted ? ['Criterium', 'Soort', 'Bedrag'] : []), 'Beoordeling', 'Begrotingen', 'Gebeurtenissen'],
    entries.map((e) => [
      h('span', {}, h('strong', {}, findingKindNl(e.kind)), e.aboveRapportagegrens ? h('span', { class: 'badge badge-overrun' }, 'boven de rapportagegrens') : null),
      h('span', { class: 'nowrap' }, dateNl(e.date)),
      ...(counted ? [e.criterion ? CRITERIA_NL[e.criterion] : '—', e.class ?? '—', num(e.amount === null ? '—' : euro(e.amount))] : []),
      reviewText(e),
      h('span', {}, ...e.budgets.flatMap((b, i) => [i > 0 ? ', ' : '', h('a', { href: href(['budgets', b]) }, b)])),
      h('span', {}, ...e.events.flatMap((ev, i) => [i > 0 ? ', ' : '', h('a', { href: href(['journal'], { at: ev.position, on: null }) }, String(ev.position))])),
    ]),
    { 'data-testid': testId },
  );
}

function reviewText(entry: RegisterEntry): string {
  const review = entry.review;
  if (!review) return reviewStateNl(entry.reviewState);
  const stale = entry.reviewStale ? ' (de bevinding is sindsdien veranderd)' : '';
  return `${reviewStateNl(review.state)} op ${dateNl(review.on)}${review.actor ? ` door ${review.actor}` : ''}${review.note ? `: ${review.note}` : ''}${stale}`;
}
