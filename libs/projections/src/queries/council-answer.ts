// A programme's figures as a short answer in the style of the college's letters to the council
// (art. 33 RvO): what it cost, what it will still cost, who paid, how many took part, the cost
// per participant against the norm, and its status. Every figure is followed by the journal
// positions of the events it comes from, so the answer can be checked line by line.
import { formatEuroNl, formatMoney, parseMoney } from '@geldstroom/ledger';
import type { EventReference } from './evidence';
import { programmeCost, type ProgrammeCost } from './programme-cost';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export type AnswerLanguage = 'nl' | 'en';

export interface AnswerSentence {
  readonly text: string;
  /** Journal positions of the events behind the figures in this sentence. */
  readonly references: readonly number[];
}

export interface CouncilAnswer extends AnswerCut {
  readonly programmeId: string;
  readonly lang: AnswerLanguage;
  /** The whole answer, each sentence followed by its references, e.g. "[12, 14]". */
  readonly text: string;
  readonly sentences: readonly AnswerSentence[];
  /** The events referred to, by position. */
  readonly references: Readonly<Record<string, EventReference>>;
}

const MONTHS = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

export function councilAnswer(reader: LedgerReader, programmeId: string, cut: Cut, lang: AnswerLanguage): CouncilAnswer | undefined {
  const cost = programmeCost(reader, programmeId, cut, true);
  if (!cost) return undefined;
  const evidence = (cost.evidence ?? {}) as Record<string, EventReference[]>;
  const refs = (...figures: string[]) =>
    [...new Set(figures.flatMap((figure) => (evidence[figure] ?? []).map((e) => e.position)))].sort((a, b) => a - b);
  const words = lang === 'nl' ? dutch : english;
  const sentences = words(cost).map(([text, figures]) => ({ text, references: refs(...figures) }));
  const references: Record<string, EventReference> = {};
  for (const list of Object.values(evidence)) for (const event of list) references[String(event.position)] = event;
  return {
    programmeId,
    lang,
    text: sentences.map((s) => (s.references.length > 0 ? `${s.text} [${s.references.join(', ')}]` : s.text)).join(' '),
    sentences,
    references,
    ...answerCut(cut),
  };
}

type Sentence = readonly [text: string, figures: readonly string[]];

const cents = (wire: string): number => {
  const parsed = parseMoney(wire, { allowNegative: true });
  return parsed.ok ? parsed.cents : 0;
};

function date(iso: string, lang: AnswerLanguage): string {
  const [year, month, day] = iso.split('-').map(Number);
  return lang === 'nl' ? `${day} ${MONTHS.nl[month - 1]} ${year}` : `${day} ${MONTHS.en[month - 1]} ${year}`;
}

function euroEn(wire: string): string {
  const [whole, fraction] = formatMoney(cents(wire)).split('.');
  return `€${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

function listNl(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

function listEn(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function dutch(cost: ProgrammeCost): Sentence[] {
  const eur = (wire: string) => formatEuroNl(cents(wire));
  const name = cost.name ? `‘${cost.name}’` : cost.programmeId;
  const sentences: Sentence[] = [];
  if (cost.status === 'ended' && cost.endedOn) {
    const continued = cost.continued ? 'wordt voortgezet' : 'wordt niet voortgezet';
    sentences.push([`Het traject ${name} is op ${date(cost.endedOn, 'nl')} beëindigd en ${continued}.`, ['status']]);
  } else {
    sentences.push([`Het traject ${name} loopt nog.`, ['programme']]);
  }
  sentences.push([`In totaal hebben ${cost.participants} mensen deelgenomen.`, ['participants']]);
  sentences.push([
    `De kosten bedragen ${eur(cost.committed)}; daarvan is ${eur(cost.realised)} betaald en moet nog ${eur(cost.obligo)} worden betaald.`,
    ['committed', 'realised'],
  ]);
  const funders = cost.whoPaid.ultimateFunders.map((f) => `${f.name ?? f.partyId} ${eur(f.amount)}`);
  if (funders.length > 0) sentences.push([`Het betaalde bedrag is gefinancierd door ${listNl(funders)}.`, ['whoPaid']]);
  if (cost.costPerParticipant) {
    const norm = cost.normBand
      ? `; dat ligt ${{ above: 'boven', below: 'onder', within: 'binnen' }[cost.againstNorm ?? 'within']} de normband van ${eur(cost.normBand.min)} – ${eur(cost.normBand.max)}`
      : '';
    sentences.push([`De kosten per deelnemer bedragen ${eur(cost.costPerParticipant)}${norm}.`, ['committed', 'participants', 'programme']]);
  }
  return sentences;
}

function english(cost: ProgrammeCost): Sentence[] {
  const name = cost.name ? `‘${cost.name}’` : cost.programmeId;
  const sentences: Sentence[] = [];
  if (cost.status === 'ended' && cost.endedOn) {
    sentences.push([`The programme ${name} ended on ${date(cost.endedOn, 'en')} and ${cost.continued ? 'is being continued' : 'is not continued'}.`, ['status']]);
  } else {
    sentences.push([`The programme ${name} is still running.`, ['programme']]);
  }
  sentences.push([`${cost.participants} people took part in total.`, ['participants']]);
  sentences.push([
    `It cost ${euroEn(cost.committed)}, of which ${euroEn(cost.realised)} has been paid and ${euroEn(cost.obligo)} is still to be paid.`,
    ['committed', 'realised'],
  ]);
  const funders = cost.whoPaid.ultimateFunders.map((f) => `${f.name ?? f.partyId} ${euroEn(f.amount)}`);
  if (funders.length > 0) sentences.push([`What was paid was funded by ${listEn(funders)}.`, ['whoPaid']]);
  if (cost.costPerParticipant) {
    const norm = cost.normBand
      ? `, ${{ above: 'above', below: 'below', within: 'within' }[cost.againstNorm ?? 'within']} the norm band of ${euroEn(cost.normBand.min)} – ${euroEn(cost.normBand.max)}`
      : '';
    sentences.push([`The cost per participant is ${euroEn(cost.costPerParticipant)}${norm}.`, ['committed', 'participants', 'programme']]);
  }
  return sentences;
}
