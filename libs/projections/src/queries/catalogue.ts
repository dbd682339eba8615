// Which programmes, budgets and parties the ledger knew at a journal position: what a person
// picks from before asking about one. Knowledge time only: an entity is listed once its opening
// event was recorded (and not reversed), whatever its business date.
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

/** Entities listed per page at most, and by default. */
export const CATALOGUE_ENTRIES_MAX = 1000;

export interface CataloguePage {
  /** Programmes launched, or budgets of the fiscal year, in this year only. */
  readonly year?: number;
  readonly offset?: number;
  readonly limit?: number;
}

export interface ProgrammeEntry {
  readonly programmeId: string;
  readonly name: string;
  /** The name, with the owner and year added where other entries share it: what a list shows. */
  readonly label: string;
  readonly ownerPartyId: string;
  readonly ownerName: string | null;
  readonly launchedOn: string;
  readonly status: 'running' | 'ended';
}

export interface BudgetEntry {
  readonly budgetId: string;
  readonly name: string;
  /** The name, with the owner and fiscal year added where other budgets share it: what a list shows. */
  readonly label: string;
  readonly ownerPartyId: string;
  readonly ownerName: string | null;
  readonly fiscalYear: number;
  readonly taakveld: string;
}

export interface PartyEntry {
  readonly partyId: string;
  readonly name: string;
  readonly kind: string;
  /** Named as a supplier (purchase, contract) or a grant recipient: it has a provider page. */
  readonly provider: boolean;
}

export interface Catalogue<E> extends AnswerCut {
  /** By name, then owner, then id. */
  readonly entries: readonly E[];
  /** How many match, over all pages. */
  readonly count: number;
  /** Pass as `offset` for the next page; null on the last. */
  readonly next: number | null;
  /** True when this page is not the last. */
  readonly truncated: boolean;
}

export function programmeCatalogue(reader: LedgerReader, cut: Cut, page: CataloguePage = {}): Catalogue<ProgrammeEntry> {
  const entries = reader.unitsOf('programme', cut, true).flatMap((unit) => {
    if (unit.kind !== 'programme' || !unit.state.opened) return [];
    const { programmeId, name, ownerPartyId, launchedOn, ended } = unit.state;
    if (page.year !== undefined && !launchedOn.startsWith(`${page.year}-`)) return [];
    return [{ programmeId, name, ownerPartyId, ownerName: reader.partyName(ownerPartyId, cut), launchedOn, status: ended ? ('ended' as const) : ('running' as const) }];
  });
  const withLabels = labelled(entries, (e) => [e.ownerName ?? e.ownerPartyId, e.launchedOn.slice(0, 4)]);
  return catalogue(withLabels, (e) => [e.name, e.ownerName ?? e.ownerPartyId, e.programmeId], cut, page);
}

export function budgetCatalogue(reader: LedgerReader, cut: Cut, page: CataloguePage = {}): Catalogue<BudgetEntry> {
  const entries = reader.unitsOf('budget', cut, true).flatMap((unit) => {
    if (unit.kind !== 'budget' || !unit.state.opened) return [];
    const { budgetId, name, ownerPartyId, fiscalYear, taakveld } = unit.state;
    if (page.year !== undefined && fiscalYear !== page.year) return [];
    return [{ budgetId, name, ownerPartyId, ownerName: reader.partyName(ownerPartyId, cut), fiscalYear, taakveld }];
  });
  const withLabels = labelled(entries, (e) => [e.ownerName ?? e.ownerPartyId, String(e.fiscalYear)]);
  return catalogue(withLabels, (e) => [e.name, e.ownerName ?? e.ownerPartyId, e.budgetId], cut, page);
}

export function partyCatalogue(reader: LedgerReader, cut: Cut, page: CataloguePage = {}): Catalogue<PartyEntry> {
  const providers = reader.providers(cut);
  const entries = reader.unitsOf('party', cut, true).flatMap((unit): PartyEntry[] => {
    if (unit.kind !== 'party' || !unit.state.opened) return [];
    const { partyId, name, kind } = unit.state;
    return [{ partyId, name, kind, provider: providers.has(partyId) }];
  });
  return catalogue(entries, (e) => [e.name, e.partyId], cut, page);
}

/**
 * Each entry's label: its name where no other entry has it; else the name with the owner; and
 * where the owner is shared too, with the year as well ("Bijdrage WSP Parkstad — Gemeente Heerlen").
 */
function labelled<E extends { readonly name: string }>(entries: readonly E[], qualifiers: (entry: E) => [owner: string, year: string]): (E & { label: string })[] {
  const count = (key: (e: E) => string) => {
    const counts = new Map<string, number>();
    for (const entry of entries) counts.set(key(entry), (counts.get(key(entry)) ?? 0) + 1);
    return (entry: E) => counts.get(key(entry)) ?? 0;
  };
  const sameName = count((e) => e.name);
  const sameOwner = count((e) => `${e.name}\u0000${qualifiers(e)[0]}`);
  return entries.map((entry) => {
    const [owner, year] = qualifiers(entry);
    const label = sameName(entry) === 1 ? entry.name : sameOwner(entry) === 1 ? `${entry.name} — ${owner}` : `${entry.name} — ${owner}, ${year}`;
    return { ...entry, label };
  });
}

function catalogue<E>(entries: E[], sortKey: (entry: E) => string[], cut: Cut, page: CataloguePage): Catalogue<E> {
  const compare = (a: string[], b: string[]) => a.reduce((order, part, i) => order || part.localeCompare(b[i], 'nl'), 0);
  const sorted = entries.sort((a, b) => compare(sortKey(a), sortKey(b)));
  const offset = page.offset ?? 0;
  const limit = Math.min(page.limit ?? CATALOGUE_ENTRIES_MAX, CATALOGUE_ENTRIES_MAX);
  const next = offset + limit < sorted.length ? offset + limit : null;
  return { entries: sorted.slice(offset, offset + limit), count: sorted.length, next, truncated: next !== null, ...answerCut(cut) };
}
