// Which programmes, budgets and parties the ledger knew at a journal position: what a person
// picks from before asking about one. Knowledge time only: an entity is listed once its opening
// event was recorded (and not reversed), whatever its business date.
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

/** Entities listed per kind; past it the list says it was cut short. */
export const CATALOGUE_ENTRIES_MAX = 1000;

export interface ProgrammeEntry {
  readonly programmeId: string;
  readonly name: string;
  readonly ownerPartyId: string;
  readonly ownerName: string | null;
  readonly launchedOn: string;
  readonly status: 'running' | 'ended';
}

export interface BudgetEntry {
  readonly budgetId: string;
  readonly name: string;
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
  /** True when there were more than CATALOGUE_ENTRIES_MAX: the list holds the first of them. */
  readonly truncated: boolean;
}

export function programmeCatalogue(reader: LedgerReader, cut: Cut): Catalogue<ProgrammeEntry> {
  const entries = reader.unitsOf('programme', cut, true).flatMap((unit): ProgrammeEntry[] => {
    if (unit.kind !== 'programme' || !unit.state.opened) return [];
    const { programmeId, name, ownerPartyId, launchedOn, ended } = unit.state;
    return [{ programmeId, name, ownerPartyId, ownerName: reader.partyName(ownerPartyId, cut), launchedOn, status: ended ? 'ended' : 'running' }];
  });
  return catalogue(entries, (e) => [e.name, e.ownerName ?? e.ownerPartyId, e.programmeId], cut);
}

export function budgetCatalogue(reader: LedgerReader, cut: Cut): Catalogue<BudgetEntry> {
  const entries = reader.unitsOf('budget', cut, true).flatMap((unit): BudgetEntry[] => {
    if (unit.kind !== 'budget' || !unit.state.opened) return [];
    const { budgetId, name, ownerPartyId, fiscalYear, taakveld } = unit.state;
    return [{ budgetId, name, ownerPartyId, ownerName: reader.partyName(ownerPartyId, cut), fiscalYear, taakveld }];
  });
  return catalogue(entries, (e) => [e.name, e.ownerName ?? e.ownerPartyId, e.budgetId], cut);
}

export function partyCatalogue(reader: LedgerReader, cut: Cut): Catalogue<PartyEntry> {
  const providers = reader.providers(cut);
  const entries = reader.unitsOf('party', cut, true).flatMap((unit): PartyEntry[] => {
    if (unit.kind !== 'party' || !unit.state.opened) return [];
    const { partyId, name, kind } = unit.state;
    return [{ partyId, name, kind, provider: providers.has(partyId) }];
  });
  return catalogue(entries, (e) => [e.name, e.partyId], cut);
}

function catalogue<E>(entries: E[], sortKey: (entry: E) => string[], cut: Cut): Catalogue<E> {
  const compare = (a: string[], b: string[]) => a.reduce((order, part, i) => order || part.localeCompare(b[i], 'nl'), 0);
  const sorted = entries.sort((a, b) => compare(sortKey(a), sortKey(b)));
  return { entries: sorted.slice(0, CATALOGUE_ENTRIES_MAX), truncated: sorted.length > CATALOGUE_ENTRIES_MAX, ...answerCut(cut) };
}
