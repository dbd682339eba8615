// Finding a programme, budget or party (a provider among them) by a part of its name or id, as
// the ledger knew them at the cut. SQLite narrows the entities by name or id first (its LIKE
// ignores the case of ASCII letters only: "heerlen" finds "Heerlen", a diacritic must be typed);
// each candidate is then taken as the cut sees it, so an entity not yet recorded then is not found.
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

/** Results per answer; past it the answer says it was cut short. */
export const SEARCH_RESULTS_MAX = 50;
export const SEARCH_QUERY_LENGTH_MAX = 100;

export type SearchResultKind = 'programme' | 'budget' | 'party';

export interface SearchResult {
  readonly kind: SearchResultKind;
  readonly id: string;
  readonly name: string;
  /** For a party: named as a supplier or grant recipient (it has a provider page). */
  readonly provider?: boolean;
  /** What tells two of the same name apart: the owner, fiscal year and taakveld, or the kind of party. */
  readonly detail: string;
}

export interface SearchAnswer extends AnswerCut {
  readonly query: string;
  /** Names starting with the query first, then by name. */
  readonly results: readonly SearchResult[];
  readonly truncated: boolean;
}

const KINDS: readonly SearchResultKind[] = ['programme', 'budget', 'party'];

export function search(reader: LedgerReader, query: string, cut: Cut): SearchAnswer {
  const wanted = normalised(query.trim());
  const rows = reader.readStore.db
    .prepare(
      `SELECT unit_id FROM units WHERE kind IN (SELECT value FROM json_each(@kinds))
         AND (json_extract(state, '$.state.name') LIKE @pattern ESCAPE '\\' OR unit_id LIKE @idPattern ESCAPE '\\')
       ORDER BY unit_id LIMIT @limit`,
    )
    .pluck()
    .all({ kinds: JSON.stringify(KINDS), pattern: `%${likeEscaped(query.trim())}%`, idPattern: `%-%${likeEscaped(query.trim().toLowerCase())}%`, limit: SEARCH_RESULTS_MAX * 4 }) as string[];
  const providers = reader.providers(cut);
  const results = rows
    .map((unitId) => resultOf(reader, unitId, cut, providers))
    .filter((result): result is SearchResult => result !== undefined)
    .sort((a, b) => rank(a, wanted) - rank(b, wanted) || a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
  return { query, results: results.slice(0, SEARCH_RESULTS_MAX), truncated: results.length > SEARCH_RESULTS_MAX || rows.length === SEARCH_RESULTS_MAX * 4, ...answerCut(cut) };
}

function resultOf(reader: LedgerReader, unitId: string, cut: Cut, providers: ReadonlySet<string>): SearchResult | undefined {
  const unit = reader.unit(unitId, cut, true);
  if (unit.kind === 'programme' && unit.state.opened) {
    const { programmeId, name, ownerPartyId, ended } = unit.state;
    return { kind: 'programme', id: programmeId, name, detail: `${reader.partyName(ownerPartyId, cut) ?? ownerPartyId}${ended ? ', beëindigd' : ''}` };
  }
  if (unit.kind === 'budget' && unit.state.opened) {
    const { budgetId, name, ownerPartyId, fiscalYear, taakveld } = unit.state;
    return { kind: 'budget', id: budgetId, name, detail: `${reader.partyName(ownerPartyId, cut) ?? ownerPartyId}, ${fiscalYear}, taakveld ${taakveld}` };
  }
  if (unit.kind === 'party' && unit.state.opened) {
    const { partyId, name, kind } = unit.state;
    return { kind: 'party', id: partyId, name, provider: providers.has(partyId), detail: kind };
  }
  return undefined;
}

function normalised(text: string): string {
  return text.toLowerCase();
}

/** A name that starts with the query before one that holds it. */
function rank(result: SearchResult, wanted: string): number {
  return normalised(result.name).startsWith(wanted) ? 0 : 1;
}

function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
