// A programme's figures as a short answer in the style of the college's letters to the council
// (art. 33 RvO): its status, how many took part, what it cost and what is still to pay, who paid,
// the outcomes, the cost per participant against the norm. Every sentence ends in footnotes, and
// each footnote names the document the facts come from (their source reference), their dates and
// the journal positions of the events, so the answer can be checked line by line.
import { answerSentences, footnoteText, type AnswerLanguage, type Sentence } from './answer-words';
import type { EventReference } from './evidence';
import { programmeCost } from './programme-cost';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export type { AnswerLanguage } from './answer-words';

export interface AnswerSentence {
  readonly text: string;
  /** Journal positions of the events behind the figures in this sentence. */
  readonly references: readonly number[];
  /** The numbers of the footnotes these events are in. */
  readonly footnotes: readonly number[];
}

export interface AnswerFootnote {
  readonly number: number;
  /** The document the facts come from; null for facts recorded without one. */
  readonly sourceReference: string | null;
  /** The journal positions of the events it covers, in order. */
  readonly positions: readonly number[];
  /** The footnote as the answer's text has it, without its number. */
  readonly text: string;
}

export interface CouncilAnswer extends AnswerCut {
  readonly programmeId: string;
  readonly lang: AnswerLanguage;
  /** The whole answer: the sentences with their footnote marks, then the footnotes. */
  readonly text: string;
  readonly sentences: readonly AnswerSentence[];
  readonly footnotes: readonly AnswerFootnote[];
  /** The events referred to, by position. */
  readonly references: Readonly<Record<string, EventReference>>;
}

export function councilAnswer(reader: LedgerReader, programmeId: string, cut: Cut, lang: AnswerLanguage): CouncilAnswer | undefined {
  const cost = programmeCost(reader, programmeId, cut, true);
  if (!cost) return undefined;
  const evidence = (cost.evidence ?? {}) as Record<string, EventReference[]>;
  return { programmeId, lang, ...composeAnswer(answerSentences(cost, lang), evidence, lang), ...answerCut(cut) };
}

type Composed = Pick<CouncilAnswer, 'text' | 'sentences' | 'footnotes' | 'references'>;

/** The sentences with their events grouped into footnotes by document, numbered as they first appear. */
export function composeAnswer(sentences: readonly Sentence[], evidence: Readonly<Record<string, readonly EventReference[]>>, lang: AnswerLanguage): Composed {
  const references: Record<string, EventReference> = {};
  for (const list of Object.values(evidence)) for (const event of list) references[String(event.position)] = event;
  const footnotes = new Footnotes(lang);
  const composed = sentences.map((sentence): AnswerSentence => {
    const byPosition = new Map(sentence.figures.flatMap((figure) => evidence[figure] ?? []).map((event) => [event.position, event]));
    const events = [...byPosition.values()].sort((a, b) => a.position - b.position);
    const numbers = [...new Set([...events.map((event) => footnotes.numberOf(event)), ...(sentence.citation ? [footnotes.numberOfCitation(sentence.citation)] : [])])].sort((a, b) => a - b);
    return { text: sentence.text, references: events.map((e) => e.position), footnotes: numbers };
  });
  const notes = footnotes.list();
  const body = composed.map((s) => `${s.text}${s.footnotes.map(superscript).join(SUPERSCRIPT_SEPARATOR)}`).join(' ');
  const heading = lang === 'nl' ? 'Bronnen' : 'Sources';
  const text = notes.length === 0 ? body : `${body}\n\n${heading}:\n${notes.map((n) => `${superscript(n.number)} ${n.text}`).join('\n')}`;
  return { text, sentences: composed, footnotes: notes, references };
}

/** Footnotes by document: every event of one source reference in one footnote. */
class Footnotes {
  private readonly bySource = new Map<string, { number: number; sourceReference: string | null; events: EventReference[] }>();

  constructor(private readonly lang: AnswerLanguage) {}

  numberOf(event: EventReference): number {
    const key = event.sourceReference ?? '';
    let note = this.bySource.get(key);
    if (!note) {
      note = { number: this.bySource.size + 1, sourceReference: event.sourceReference ?? null, events: [] };
      this.bySource.set(key, note);
    }
    if (!note.events.some((e) => e.position === event.position)) note.events.push(event);
    return note.number;
  }

  /** A document cited without an event of its own (where a norm band comes from). */
  numberOfCitation(sourceReference: string): number {
    let note = this.bySource.get(sourceReference);
    if (!note) {
      note = { number: this.bySource.size + 1, sourceReference, events: [] };
      this.bySource.set(sourceReference, note);
    }
    return note.number;
  }

  list(): AnswerFootnote[] {
    return [...this.bySource.values()].map((note) => {
      const events = [...note.events].sort((a, b) => a.position - b.position);
      return { number: note.number, sourceReference: note.sourceReference, positions: events.map((e) => e.position), text: footnoteText(note.sourceReference, events, this.lang) };
    });
  }
}

const SUPERSCRIPT_DIGITS = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
/** Between two footnote marks after one sentence: ¹˒² reads as two notes, ¹² as note twelve. */
const SUPERSCRIPT_SEPARATOR = '˒';

/** A footnote mark: 12 → "¹²". Plain text, so the mark survives a copy into a letter. */
export function superscript(value: number): string {
  return [...String(value)].map((digit) => SUPERSCRIPT_DIGITS[Number(digit)]).join('');
}
