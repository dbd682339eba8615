// The streams a command refers to, built from events in the domain's words and folded by the
// real deciders, as the write side would load them. The Heerlen story supplies the names.
import type { DomainEvent, EventWithId, References } from '../shared/decider';
import { parseStreamId, streamId } from '../shared/ids';
import { DECIDERS } from '../deciders';
import { euros } from '../money/money';
import type { PartyKind } from '../party/party.events';

export type KnownStream = readonly [streamId: string, events: readonly DomainEvent[]];

/** References holding each stream's folded state. */
export function knowing(...streams: readonly KnownStream[]): References {
  return new Map(streams.map(([id, events]) => [id, fold(id, events)]));
}

function fold(id: string, events: readonly DomainEvent[]): unknown {
  const category = parseStreamId(id)?.category;
  if (!category) throw new Error(`not a ledger stream: ${id}`);
  const decider = DECIDERS[category] as unknown as {
    initialState(): unknown;
    evolve(state: unknown, event: EventWithId): unknown;
  };
  return events.reduce((state, event, i) => decider.evolve(state, { eventId: `${id}-${i + 1}`, event }), decider.initialState());
}

export const ON = '2024-01-15';

export function party(id: string, kind: PartyKind = 'municipality'): KnownStream {
  return [streamId('party', id), [{ type: 'PartyRegistered', data: { partyId: id, name: `Organisation ${id}`, kind, effectiveDate: ON } }]];
}

export function budget(id: string, ownerPartyId: string, lineIds: readonly string[] = []): KnownStream {
  return [
    streamId('budget', id),
    [
      {
        type: 'BudgetOpened',
        data: { budgetId: id, ownerPartyId, name: 'Maatwerkbudget re-integratie', fiscalYear: 2024, taakveld: '6.4', effectiveDate: ON },
      },
      ...lineIds.map((lineId) => ({
        type: 'BudgetAllocated',
        data: { budgetId: id, lineId, description: `Line ${lineId}`, amountCents: euros(10_000), effectiveDate: ON },
      })),
    ],
  ];
}

export function programme(id: string, ownerPartyId: string): KnownStream {
  return [
    streamId('programme', id),
    [{ type: 'ProgrammeLaunched', data: { programmeId: id, ownerPartyId, name: 'Pilot re-integratie', effectiveDate: ON } }],
  ];
}

export function contract(id: string, supplierPartyId: string, buyerPartyId = 'gemeente-heerlen'): KnownStream {
  return [
    streamId('contract', id),
    [
      {
        type: 'ContractAwarded',
        data: {
          procurementId: `inkoop-${id}`,
          contractId: id,
          buyerPartyId,
          supplierPartyId,
          procedure: 'single-quote',
          ceilingCents: euros(30_000),
          termStart: '2024-07-01',
          termEnd: '2024-12-31',
          effectiveDate: '2024-06-20',
        },
      },
    ],
  ];
}

/** A stream whose only event was reversed: it exists, its entity does not. */
export function reversedAway([id, events]: KnownStream): KnownStream {
  return [
    id,
    [
      ...events,
      {
        type: 'EntryReversed',
        data: { reversalId: 'wrongly-recorded', reversedEventId: `${id}-1`, reversedEventType: events[0].type, reason: 'Wrongly recorded', effectiveDate: ON },
      },
    ],
  ];
}
