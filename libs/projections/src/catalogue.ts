// Which programmes, budgets and parties the ledger knew at a journal position: what a person
// picks from before asking about one. Knowledge time only: an entity is listed once its opening
// event was recorded (and not reversed), whatever its business date.
import { visible } from './cut';
import type { Fact } from './facts';
import type { LedgerReader, ResolvedCut } from './reader';

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

export interface Catalogue<E> {
  /** By name, then owner, then id. */
  readonly entries: readonly E[];
  /** True when there were more than CATALOGUE_ENTRIES_MAX: the list holds the first of them. */
  readonly truncated: boolean;
  readonly asOf: string | null;
  readonly journal: ResolvedCut['journal'];
}

export function programmeCatalogue(reader: LedgerReader, cut: ResolvedCut): Catalogue<ProgrammeEntry> {
  const entries = openedStreams(reader, 'ProgrammeLaunched', cut).map(({ opened, facts }): ProgrammeEntry => {
    const owner = String(opened.data.ownerPartyId);
    return {
      programmeId: String(opened.data.programmeId),
      name: String(opened.data.name),
      ownerPartyId: owner,
      ownerName: reader.partyName(owner) ?? null,
      launchedOn: opened.effectiveDate,
      status: facts.some((f) => f.type === 'ProgrammeEnded') ? 'ended' : 'running',
    };
  });
  return catalogue(entries, (e) => [e.name, e.ownerName ?? e.ownerPartyId, e.programmeId], cut);
}

export function budgetCatalogue(reader: LedgerReader, cut: ResolvedCut): Catalogue<BudgetEntry> {
  const entries = openedStreams(reader, 'BudgetOpened', cut).map(({ opened }): BudgetEntry => {
    const owner = String(opened.data.ownerPartyId);
    return {
      budgetId: String(opened.data.budgetId),
      name: String(opened.data.name),
      ownerPartyId: owner,
      ownerName: reader.partyName(owner) ?? null,
      fiscalYear: Number(opened.data.fiscalYear),
      taakveld: String(opened.data.taakveld),
    };
  });
  return catalogue(entries, (e) => [e.name, e.ownerName ?? e.ownerPartyId, e.budgetId], cut);
}

export function partyCatalogue(reader: LedgerReader, cut: ResolvedCut): Catalogue<PartyEntry> {
  const providers = new Set<string>();
  for (const type of ['GrantAwarded', 'TrajectoriesPurchased', 'ContractAwarded']) {
    for (const fact of visible(reader.factsOfType(type), { position: cut.position })) {
      const named = fact.data.recipientPartyId ?? fact.data.supplierPartyId;
      if (typeof named === 'string') providers.add(named);
    }
  }
  const entries = openedStreams(reader, 'PartyRegistered', cut).map(({ opened }): PartyEntry => {
    const partyId = String(opened.data.partyId);
    return { partyId, name: String(opened.data.name), kind: String(opened.data.kind), provider: providers.has(partyId) };
  });
  return catalogue(entries, (e) => [e.name, e.partyId], cut);
}

/**
 * The streams whose opening event the cut sees, each with its visible facts. A stream's own
 * facts are read so that a reversed opening event hides the entity, as the other queries do.
 */
function openedStreams(reader: LedgerReader, openingType: string, cut: ResolvedCut): { opened: Fact; facts: Fact[] }[] {
  const streams = new Set(reader.factsOfType(openingType).filter((f) => f.position <= cut.position).map((f) => f.streamId));
  const opened: { opened: Fact; facts: Fact[] }[] = [];
  for (const streamId of streams) {
    const facts = visible(reader.factsOfStream(streamId), { position: cut.position });
    const opening = facts.find((f) => f.type === openingType);
    if (opening) opened.push({ opened: opening, facts });
  }
  return opened;
}

function catalogue<E>(entries: E[], sortKey: (entry: E) => string[], cut: ResolvedCut): Catalogue<E> {
  const compare = (a: string[], b: string[]) => a.reduce((order, part, i) => order || part.localeCompare(b[i], 'nl'), 0);
  const sorted = entries.sort((a, b) => compare(sortKey(a), sortKey(b)));
  return {
    entries: sorted.slice(0, CATALOGUE_ENTRIES_MAX),
    truncated: sorted.length > CATALOGUE_ENTRIES_MAX,
    asOf: cut.asOf,
    journal: cut.journal,
  };
}
