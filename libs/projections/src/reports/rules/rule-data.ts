// What the reporting-rule files share: reading JSON, and checking the parts every dated rule
// has (a source, a span of reporting years), so each loader refuses a bad file the same way.
import { readFileSync } from 'node:fs';

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const TEXT_MAX = 2_000;
const SOURCES_MAX = 50;

/** Where a rule comes from, as the search found it: a document, its publisher, address, date. */
export interface RuleSource {
  readonly title: string;
  readonly publisher: string;
  /** Empty when the tool named no address (e.g. a repository file it would not name). */
  readonly url: string;
  readonly date: string;
}

/** A span of reporting years, both ends inclusive; validToYear null while in force. */
export interface YearSpan {
  readonly validFromYear: number;
  readonly validToYear: number | null;
}

export function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${what} ${path}: ${(error as Error).message}`);
  }
}

export const isText = (value: unknown, max = TEXT_MAX): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;

export const isYear = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= YEAR_MIN && value <= YEAR_MAX;

export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

export function spanProblems(entry: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (!isYear(entry.validFromYear)) problems.push(`validFromYear must be a year ${YEAR_MIN}-${YEAR_MAX}`);
  const to = entry.validToYear;
  if (to !== null && (!isYear(to) || (isYear(entry.validFromYear) && to < entry.validFromYear))) {
    problems.push('validToYear must be null or a year not before validFromYear');
  }
  return problems;
}

export function sourceProblems(value: unknown, field = 'sources'): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > SOURCES_MAX) return [`${field} must list 1 to ${SOURCES_MAX} sources`];
  const problems: string[] = [];
  value.forEach((source, index) => {
    const s = asRecord(source);
    if (!s || !isText(s.title) || !isText(s.publisher) || typeof s.url !== 'string' || !isText(s.date, 40)) {
      problems.push(`${field}[${index}] must have a title, publisher, url (may be empty) and date`);
    }
  });
  return problems;
}

export const covers = (span: YearSpan, year: number): boolean =>
  year >= span.validFromYear && (span.validToYear === null || year <= span.validToYear);

/** Two spans that share a year would make "the rule in force" ambiguous. */
export function overlapProblems(spans: readonly { id: string; span: YearSpan }[]): string[] {
  const problems: string[] = [];
  const end = (s: YearSpan) => s.validToYear ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const [a, b] = [spans[i].span, spans[j].span];
      if (a.validFromYear <= end(b) && b.validFromYear <= end(a)) problems.push(`${spans[i].id} and ${spans[j].id} overlap in years`);
    }
  }
  return problems;
}

export function toSpan(entry: Record<string, unknown>): YearSpan {
  return { validFromYear: entry.validFromYear as number, validToYear: (entry.validToYear as number | null | undefined) ?? null };
}

export function toSources(value: unknown): RuleSource[] {
  return (value as Record<string, string>[]).map((s) => ({ title: s.title, publisher: s.publisher, url: s.url, date: s.date }));
}

/** One line naming a source, for answers that carry their citation. */
export const citation = (source: RuleSource): string =>
  `${source.title} (${source.publisher}, ${source.date}${source.url ? `, ${source.url}` : ''})`;

export function refuse(origin: string, problems: string[]): void {
  if (problems.length > 0) throw new Error(`${origin} is invalid:\n  ${problems.join('\n  ')}`);
}
