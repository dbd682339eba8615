// The findings about one entity, on its own page: what is irregular about this programme, budget
// or provider, each linked to its events, with its review state once findings are reviewed.
import { FINDING_KINDS_NL, REVIEW_STATES_NL } from '@geldstroom/projections/vocabulary/nl';
import { getJson, type Params } from './api';
import { h, table } from './dom';
import { dateNl } from './format';
import { section } from './page';
import { href } from './router';
import type { Finding, Findings } from './types';

/** The most the findings endpoint gives in one page: enough for one entity's. */
const FINDINGS_LIMIT = 1000;

/** The streams the findings endpoint links findings to (GET /v1/findings?entity=). */
const LINKED_CATEGORIES = /^(programme|budget|party|contract)-/;

/** A finding's latest review, as the findings list gives it. */
interface Review {
  readonly state: string;
  readonly note: string;
  /** The review's date. */
  readonly on: string;
  readonly actor: string | null;
  /** The finding changed after it was reviewed. */
  readonly stale: boolean;
}

/**
 * The streams of the events behind an answer's figures (its `evidence`, asked for with
 * explain=true): a programme's grants and purchases, a budget's spending. A finding about one of
 * them concerns the page's entity too.
 */
export function evidenceStreams(evidence: unknown): string[] {
  const streams = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const { streamId } = value as { streamId?: unknown };
      if (typeof streamId === 'string') streams.add(streamId);
      else Object.values(value).forEach(walk);
    }
  };
  walk(evidence);
  return [...streams];
}

/** The findings whose subject or events are on one of these streams. */
export async function findingsAbout(streamIds: readonly string[], cut: Params): Promise<Finding[]> {
  const wanted = new Set(streamIds);
  const linked = [...wanted].filter((streamId) => LINKED_CATEGORIES.test(streamId));
  // The API says what each finding touches (its entity, budgets, owners, parties, programme,
  // contract): one question per programme, budget, party or contract named, never the whole list.
  const answers = await Promise.all(linked.map((entity) => getJson<Findings>('/v1/findings', { ...cut, entity, limit: FINDINGS_LIMIT })));
  const found = new Map<string, Finding>();
  for (const finding of answers.flatMap((answer) => answer.findings)) found.set(finding.id, finding);
  // A finding about a grant or purchase behind a figure, but not linked to any of the above.
  const unlinked = [...wanted].filter((streamId) => !LINKED_CATEGORIES.test(streamId));
  if (unlinked.length > 0 && linked.length === 0) {
    const all = await getJson<Findings>('/v1/findings', { ...cut, limit: FINDINGS_LIMIT });
    for (const finding of all.findings) if (wanted.has(finding.entity.streamId) || finding.events.some((e) => wanted.has(e.streamId))) found.set(finding.id, finding);
  }
  return [...found.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
}

export function findingsSection(findings: readonly Finding[]): HTMLElement {
  const reviewed = findings.some((f) => reviewOf(f) !== undefined);
  return section(
    `Bevindingen (${findings.length})`,
    findings.length === 0
      ? h('p', { class: 'empty' }, 'Geen bevindingen over dit onderdeel.')
      : table(
          null,
          ['Bevinding', 'Datum', 'Gebeurtenissen', ...(reviewed ? ['Beoordeling'] : [])],
          findings.map((finding) => [
            h('span', {}, h('strong', {}, (FINDING_KINDS_NL as Record<string, string>)[finding.kind] ?? finding.description), h('br', {}), h('span', { class: 'hint' }, finding.description)),
            dateNl(finding.date),
            h('span', {}, ...finding.events.flatMap((e, i) => [i > 0 ? ', ' : '', h('a', { href: href(['journal'], { at: e.position, on: null }) }, String(e.position))])),
            ...(reviewed ? [reviewText(reviewOf(finding))] : []),
          ]),
          { 'data-testid': 'entity-findings' },
        ),
  );
}

function reviewOf(finding: Finding): Review | undefined {
  return (finding as Finding & { review?: Review | null }).review ?? undefined;
}

function reviewText(review: Review | undefined | null): string {
  if (!review) return 'nog niet beoordeeld';
  const state = (REVIEW_STATES_NL as Record<string, string>)[review.state] ?? review.state;
  const said = `${state} op ${dateNl(review.on)}${review.actor ? ` door ${review.actor}` : ''}${review.note ? `: ${review.note}` : ''}`;
  return review.stale ? `${said} (daarna gewijzigd: opnieuw bekijken)` : said;
}
