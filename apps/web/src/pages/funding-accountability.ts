// A party's accountability per outside funding it received (SiSa-style): per funder, and per
// regulation a funder paid under, what came in, what was spent from it per fiscal year by the
// ledger's own who-paid attribution, cumulatively, and what is unspent (to be returned or carried
// over); what it was spent on, what was passed on to other parties, the programmes it paid for
// with their participants and outcomes, and the findings touching that spending.
import { CRITERIA_NL, findingKindNl, reviewStateNl, SPENDING_KINDS_NL } from '@geldstroom/projections/vocabulary/nl';
import { getJson } from '../api';
import { exportButtons, sinceSection, yearSelect } from '../controls';
import { figure, h, table } from '../dom';
import { count, dateNl, euro } from '../format';
import { cutParams, num, orNotKnown, pageHead, section, type Page } from '../page';
import { partyNav } from '../party-nav';
import { href } from '../router';
import type { BudgetEntry, Catalogue, FundingAccountability, FundingStatement } from '../types';

const OUTCOMES_NL: Readonly<Record<string, string>> = { work: 'naar werk', education: 'naar opleiding', other: 'anders' };

export const fundingAccountabilityPage: Page = (context) => {
  const id = context.route.path[1] ?? '';
  return orNotKnown('Partij', id, context.asOf, async () => {
    const cut = cutParams(context);
    const params = { ...cut, year: context.year };
    const [answer, budgets] = await Promise.all([
      getJson<FundingAccountability>(`/v1/parties/${encodeURIComponent(id)}/funding-accountability`, params),
      getJson<Catalogue<BudgetEntry>>('/v1/budgets', { asOf: context.asOf }),
    ]);
    const name = answer.name ?? answer.partyId;
    const years = budgets.entries.filter((b) => b.ownerPartyId === id).map((b) => b.fiscalYear);
    const content = h(
      'article',
      { class: 'report funding-accountability' },
      pageHead(
        'Verantwoording per financiering',
        name,
        `Per externe financier en regeling: ontvangen, besteed volgens wie betaalde, en niet besteed${context.year === null ? '' : `, tot en met ${context.year}`}.`,
        yearSelect(years, context.year),
        exportButtons('funding-accountability', { ...params, id }),
      ),
      partyNav(id, 'funding-accountability'),
      h('p', { class: 'hint' }, 'Besteed is wat betaald is (na terugvorderingen), toegerekend zoals bij ‘wie betaalde’: een betaling put eerst uit geld dat voor haar programma is geoormerkt, daarna naar rato uit wat haar begroting bevat; overhevelingen nemen hun aandeel mee. Geld onder een regelingcode wordt apart gevolgd.'),
      answer.statements.length === 0 ? section('Financieringen', h('p', { class: 'empty', 'data-testid': 'no-statements' }, 'Deze partij ontving geen geld van externe financiers.')) : null,
      ...answer.statements.map((s) => statementSection(s)),
      sinceSection('funding-accountability', id, context.year),
    );
    return { title: `Verantwoording per financiering ${name}`, content, journal: answer.journal };
  });
};

/** A test id per statement: its funder, and its regulation code where it has one. */
function statementKey(s: Pick<FundingStatement, 'funderPartyId' | 'regulationCode'>): string {
  return `${s.funderPartyId}${s.regulationCode ? `-${s.regulationCode.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : ''}`;
}

function statementSection(s: FundingStatement): HTMLElement {
  const key = statementKey(s);
  const title = `${s.funderName ?? s.funderPartyId}${s.regulationCode ? ` — regeling ${s.regulationCode}` : ''}`;
  return h(
    'section',
    { class: 'card', 'data-testid': `statement-${key}` },
    h('h2', {}, title),
    regulationNote(s),
    h(
      'div',
      { class: 'figures' },
      figure('Ontvangen', euro(s.received)),
      figure('Besteed', euro(s.spent)),
      figure('Niet besteed', euro(s.unspent), 'terug te betalen of over te hevelen'),
    ),
    table(
      'Per jaar',
      ['Jaar', 'Ontvangen', 'waarvan via overheveling', 'Besteed', 'waarvan doorgegeven', 'Cumulatief ontvangen', 'Cumulatief besteed', 'Niet besteed', 'Deelwaarneming'],
      s.years.map((y) => [
        String(y.year),
        num(euro(y.received)),
        num(euro(y.receivedByTransfer)),
        num(euro(y.spent)),
        num(euro(y.passedOn)),
        num(euro(y.cumulativeReceived)),
        num(euro(y.cumulativeSpent)),
        num(euro(y.unspent)),
        y.deelwaarneming ? 'ja' : 'nee',
      ]),
      { 'data-testid': `statement-years-${key}` },
    ),
    s.spentByKind.length === 0 ? null : table('Besteed aan', ['Soort', 'Bedrag'], s.spentByKind.map((k) => [SPENDING_KINDS_NL[k.kind] ?? k.kind, num(euro(k.amount))]), { 'data-testid': `statement-kinds-${key}` }),
    s.passedOnTo.length === 0
      ? null
      : table('Doorgegeven aan andere partijen', ['Aan', 'Begroting', 'Bedrag'], s.passedOnTo.map((p) => [p.partyId ? h('a', { href: href(['parties', p.partyId]) }, p.name ?? p.partyId) : 'onbekend', p.toBudgetId ? h('a', { href: href(['budgets', p.toBudgetId]) }, p.toBudgetId) : '', num(euro(p.amount))])),
    s.programmes.length === 0
      ? null
      : table(
          'Programma’s',
          ['Programma', 'Besteed', 'Deelnemers', 'Uitstroom'],
          s.programmes.map((p) => [h('a', { href: href(['programmes', p.programmeId]) }, p.name ?? p.programmeId), num(euro(p.spent)), num(count(p.participants)), outcomesText(p.outcomes)]),
          { 'data-testid': `statement-programmes-${key}` },
        ),
    s.findings.length === 0
      ? h('p', { class: 'hint' }, 'Geen bevindingen over de besteding van dit geld.')
      : table(
          'Bevindingen over de besteding',
          ['Bevinding', 'Datum', 'Criterium', 'Soort', 'Bedrag', 'Beoordeling'],
          s.findings.map((f) => [findingKindNl(f.kind), h('span', { class: 'nowrap' }, dateNl(f.date)), f.criterion ? CRITERIA_NL[f.criterion] : '—', f.class ?? 'signaal', num(f.amount === null ? '—' : euro(f.amount)), reviewStateNl(f.reviewState)]),
          { 'data-testid': `statement-findings-${key}` },
        ),
    s.budgets.length > 0 ? h('p', { class: 'hint' }, 'Ontvangen in: ', ...s.budgets.flatMap((b, i) => [i > 0 ? ', ' : '', h('a', { href: href(['budgets', b]) }, b)])) : null,
  );
}

function regulationNote(s: FundingStatement): HTMLElement | null {
  const r = s.regulation;
  if (!r) return s.regulationCode ? h('p', { class: 'warning' }, `Regeling ${s.regulationCode} staat niet in config/sisa.json: geen indicatoren bekend.`) : null;
  return h(
    'p',
    { class: 'hint' },
    `${r.name} (${r.legalBasis})`,
    r.codeConfirmed ? null : h('span', { class: 'warning' }, ' — de SiSa-code en indicatoren zijn niet bevestigd: controleer ze in de SiSa-bijlage van het jaar.'),
  );
}

function outcomesText(outcomes: Readonly<Record<string, number>>): string {
  const said = Object.entries(outcomes).map(([kind, n]) => `${count(n)} ${OUTCOMES_NL[kind] ?? kind}`);
  return said.length === 0 ? 'niet vastgelegd' : said.join(', ');
}
