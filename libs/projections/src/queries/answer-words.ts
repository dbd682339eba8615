// The words of the council answer, in Dutch and English: which sentences a programme's figures
// make, and how a footnote names its document and dates. A sentence is said only when there is
// something to say: no "0 mensen", no "moet nog € 0,00", nothing about outcomes when none were
// recorded. Amounts keep their euro sign on the same line (a no-break space), and a date known to
// the month only ("medio juni") is said as "in juni 2024", never as a day it was not.
import { formatEuroNl, formatMoney, parseMoney, type DatePrecision } from '@geldstroom/ledger';
import type { EventReference } from './evidence';
import type { ProgrammeCost } from './programme-cost';

export type AnswerLanguage = 'nl' | 'en';

export interface Sentence {
  readonly text: string;
  /** The figures (evidence keys of the programme cost) whose events it rests on. */
  readonly figures: readonly string[];
  /** A document it cites beyond those events: where a norm band comes from. */
  readonly citation?: string;
}

const NBSP = '\u00A0';
const MONTHS = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const cents = (wire: string): number => {
  const parsed = parseMoney(wire, { allowNegative: true });
  if (!parsed.ok) throw new Error(`not an amount: ${wire}`);
  return parsed.cents;
};

/** "€ 150.000,00" with a no-break space: the sign never ends a line without its amount. */
export function euroNl(wire: string): string {
  return formatEuroNl(cents(wire)).replace('€ ', `€${NBSP}`);
}

export function euroEn(wire: string): string {
  const [whole, fraction] = formatMoney(cents(wire)).split('.');
  return `€${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** "15 juni 2024", "juni 2024" or "2024", as exactly as the date is known. */
export function dateText(iso: string, precision: DatePrecision, lang: AnswerLanguage): string {
  const [year, month, day] = iso.split('-').map(Number);
  if (precision === 'year') return String(year);
  const monthYear = `${MONTHS[lang][month - 1]} ${year}`;
  return precision === 'month' ? monthYear : `${day} ${monthYear}`;
}

/** "op 15 juni 2024" or "in juni 2024": the preposition follows the precision. */
function onDate(iso: string, precision: DatePrecision, lang: AnswerLanguage): string {
  const preposition = precision === 'day' ? (lang === 'nl' ? 'op' : 'on') : 'in';
  return `${preposition} ${dateText(iso, precision, lang)}`;
}

function list(items: readonly string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

export function answerSentences(cost: ProgrammeCost, lang: AnswerLanguage): Sentence[] {
  const words = lang === 'nl' ? DUTCH : ENGLISH;
  const sentences: (Sentence | null)[] = [
    words.status(cost),
    cost.participants > 0 ? { text: words.participants(cost.participants), figures: ['participants'] } : null,
    words.cost(cost),
    funders(cost, words),
    outcomes(cost, words),
    perParticipant(cost, words),
  ];
  return sentences.filter((s): s is Sentence => s !== null);
}

function funders(cost: ProgrammeCost, words: Words): Sentence | null {
  const paid = cost.whoPaid.ultimateFunders.filter((f) => cents(f.amount) > 0).map((f) => `${f.name ?? f.partyId} ${words.euro(f.amount)}`);
  return paid.length === 0 ? null : { text: words.funders(paid), figures: ['whoPaid'] };
}

function outcomes(cost: ProgrammeCost, words: Words): Sentence | null {
  const kinds = (['work', 'education', 'other'] as const).filter((kind) => (cost.outcomes[kind] ?? 0) > 0);
  if (kinds.length === 0) return null;
  const total = kinds.reduce((sum, kind) => sum + (cost.outcomes[kind] ?? 0), 0);
  const parts = kinds.map((kind) => words.outcome(kind, cost.outcomes[kind] ?? 0));
  // More outcomes than participants is a finding of its own: the answer says so rather than repeat the figure as it stands.
  if (total > cost.participants) return { text: words.outcomesAbove(total, parts, cost.participants), figures: ['outcomes', 'participants'] };
  return { text: words.outcomes(total, parts), figures: ['outcomes'] };
}

function perParticipant(cost: ProgrammeCost, words: Words): Sentence | null {
  if (!cost.costPerParticipant) return null;
  const band = cost.normBand;
  const text = words.perParticipant(cost.costPerParticipant, band && cost.againstNorm ? { against: cost.againstNorm, min: band.min, max: band.max } : null);
  return { text, figures: ['committed', 'participants', 'programme'], ...(band?.source ? { citation: band.source } : {}) };
}

interface Words {
  euro(wire: string): string;
  status(cost: ProgrammeCost): Sentence;
  participants(count: number): string;
  cost(cost: ProgrammeCost): Sentence;
  funders(paid: readonly string[]): string;
  outcomes(total: number, parts: readonly string[]): string;
  /** Outcomes recorded for more people than took part. */
  outcomesAbove(total: number, parts: readonly string[], participants: number): string;
  outcome(kind: 'work' | 'education' | 'other', count: number): string;
  perParticipant(amount: string, norm: { against: 'below' | 'within' | 'above'; min: string; max: string } | null): string;
}

const name = (cost: ProgrammeCost): string => (cost.name ? `‘${cost.name}’` : cost.programmeId);

const DUTCH: Words = {
  euro: euroNl,
  status: (cost) =>
    cost.status === 'ended' && cost.endedOn
      ? { text: `Het traject ${name(cost)} is ${onDate(cost.endedOn, cost.endedOnPrecision, 'nl')} beëindigd en ${cost.continued ? 'wordt voortgezet' : 'wordt niet voortgezet'}.`, figures: ['status'] }
      : { text: `Het traject ${name(cost)} is ${cost.launchedOn ? `${onDate(cost.launchedOn, cost.launchedOnPrecision, 'nl')} ` : ''}gestart en loopt nog.`, figures: ['programme'] },
  participants: (count) => (count === 1 ? 'In totaal heeft 1 persoon deelgenomen.' : `In totaal hebben ${count} mensen deelgenomen.`),
  cost: (cost) => {
    const [committed, realised] = [cents(cost.committed), cents(cost.realised)];
    if (committed === 0 && realised === 0) return { text: 'Er zijn nog geen kosten vastgelegd.', figures: [] };
    const head = `De kosten bedragen ${euroNl(cost.committed)}`;
    if (realised === 0) return { text: `${head}; daarvan is nog niets betaald.`, figures: ['committed'] };
    if (realised === committed) return { text: `${head}; dat bedrag is volledig betaald.`, figures: ['committed', 'realised'] };
    if (realised > committed) return { text: `${head}; er is ${euroNl(cost.realised)} betaald, meer dan is toegekend of besteld.`, figures: ['committed', 'realised'] };
    return { text: `${head}; daarvan is ${euroNl(cost.realised)} betaald en moet nog ${euroNl(cost.obligo)} worden betaald.`, figures: ['committed', 'realised'] };
  },
  funders: (paid) => `Het betaalde bedrag is gefinancierd door ${list(paid, 'en')}.`,
  outcomes: (total, parts) => `${total === 1 ? '1 deelnemer is' : `${total} deelnemers zijn`} uitgestroomd: ${list(parts, 'en')}.`,
  outcomesAbove: (total, parts, participants) =>
    `Er is uitstroom vastgelegd voor ${total} deelnemers (${list(parts, 'en')}), meer dan de ${participants} die hebben deelgenomen; dat cijfer wordt nagegaan.`,
  outcome: (kind, count) => `${count} ${{ work: 'naar werk', education: 'naar een opleiding', other: 'op een andere manier' }[kind]}`,
  perParticipant: (amount, norm) =>
    `De kosten per deelnemer bedragen ${euroNl(amount)}${
      norm ? `; dat ligt ${{ above: 'boven', below: 'onder', within: 'binnen' }[norm.against]} de normband van ${euroNl(norm.min)} – ${euroNl(norm.max)}` : ''
    }.`,
};

const ENGLISH: Words = {
  euro: euroEn,
  status: (cost) =>
    cost.status === 'ended' && cost.endedOn
      ? { text: `The programme ${name(cost)} ended ${onDate(cost.endedOn, cost.endedOnPrecision, 'en')} and ${cost.continued ? 'is being continued' : 'is not continued'}.`, figures: ['status'] }
      : { text: `The programme ${name(cost)} ${cost.launchedOn ? `started ${onDate(cost.launchedOn, cost.launchedOnPrecision, 'en')} and ` : ''}is still running.`, figures: ['programme'] },
  participants: (count) => (count === 1 ? '1 person took part in total.' : `${count} people took part in total.`),
  cost: (cost) => {
    const [committed, realised] = [cents(cost.committed), cents(cost.realised)];
    if (committed === 0 && realised === 0) return { text: 'No cost has been recorded yet.', figures: [] };
    const head = `It cost ${euroEn(cost.committed)}`;
    if (realised === 0) return { text: `${head}, none of which has been paid yet.`, figures: ['committed'] };
    if (realised === committed) return { text: `${head}, all of which has been paid.`, figures: ['committed', 'realised'] };
    if (realised > committed) return { text: `${head}; ${euroEn(cost.realised)} has been paid, more than was awarded or ordered.`, figures: ['committed', 'realised'] };
    return { text: `${head}, of which ${euroEn(cost.realised)} has been paid and ${euroEn(cost.obligo)} is still to be paid.`, figures: ['committed', 'realised'] };
  },
  funders: (paid) => `What was paid was funded by ${list(paid, 'and')}.`,
  outcomes: (total, parts) => `${total === 1 ? '1 participant' : `${total} participants`} moved on: ${list(parts, 'and')}.`,
  outcomesAbove: (total, parts, participants) =>
    `Outcomes are recorded for ${total} participants (${list(parts, 'and')}), more than the ${participants} who took part; that figure is being checked.`,
  outcome: (kind, count) => `${count} ${{ work: 'to work', education: 'to education', other: 'otherwise' }[kind]}`,
  perParticipant: (amount, norm) =>
    `The cost per participant is ${euroEn(amount)}${norm ? `, ${norm.against} the norm band of ${euroEn(norm.min)} – ${euroEn(norm.max)}` : ''}.`,
};

/** "Beantwoording art. 33 vragen 8 juli 2024 (juni 2024; journaalpositie 19)". */
export function footnoteText(sourceReference: string | null, events: readonly EventReference[], lang: AnswerLanguage): string {
  const source = sourceReference ?? (lang === 'nl' ? 'Zonder bronvermelding' : 'No source reference');
  if (events.length === 0) return source;
  const dates = [...new Set(events.map((e) => dateText(e.effectiveDate, e.effectiveDatePrecision ?? 'day', lang)))];
  const positions = events.map((e) => e.position).join(', ');
  const where = lang === 'nl' ? `journaalpositie${events.length > 1 ? 's' : ''} ${positions}` : `journal position${events.length > 1 ? 's' : ''} ${positions}`;
  return `${source} (${dates.join(', ')}; ${where})`;
}
