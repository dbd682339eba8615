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

/** A review, as the findings workflow adds it to a finding. */
interface Review {
  readonly state: string;
  readonly note?: string;
  readonly reviewedAt?: string;
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
  // The endpoint filters by kind only: the subject is chosen here.
  const answer = await getJson<Findings>('/v1/findings', { ...cut, limit: FINDINGS_LIMIT });
  return answer.findings.filter((f) => wanted.has(f.entity.streamId) || f.events.some((e) => wanted.has(e.streamId)));
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
  return (finding as Finding & { review?: Review }).review;
}

function reviewText(review: Review | undefined): string {
  if (!review) return 'nog niet beoordeeld';
  const state = (REVIEW_STATES_NL as Record<string, string>)[review.state] ?? review.state;
  return review.note ? `${state}: ${review.note}` : state;
}
