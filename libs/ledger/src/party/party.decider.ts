// A party is registered once; it is then something money can come from or go to.
import { accept, refuseWith, type Decision } from '../shared/decider';
import { checkDate, checkId, checkOneOf, checkText, firstRefusal, refusal } from '../shared/checks';
import { withReversals } from '../reversal/with-reversals';
import type { PartyCommand, RegisterParty } from './party.commands';
import { PARTY_KINDS, type PartyEvent, type PartyKind } from './party.events';

export interface PartyState {
  readonly exists: boolean;
  readonly partyId?: string;
  readonly kind?: PartyKind;
}

export const partyDecider = withReversals<PartyCommand, PartyEvent, PartyState>({
  category: 'party',
  initialState: () => ({ exists: false }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'PartyRegistered':
        return { exists: true, partyId: event.data.partyId, kind: event.data.kind };
      default:
        return state;
    }
  },
  references: () => [],
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterParty':
        return register(command, state);
      default:
        return refuseWith(refusal('invalid-value', `a party does not take ${(command as { type: string }).type}`, 'type'));
    }
  },
});

function register(command: RegisterParty, state: PartyState): Decision<PartyEvent> {
  const invalid = firstRefusal(
    checkId(command.partyId, 'partyId'),
    checkDate(command.effectiveDate),
    checkText(command.name, 'name'),
    checkOneOf(command.kind, PARTY_KINDS, 'kind'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.exists) return refuseWith(refusal('already-exists', `party ${command.partyId} is already registered`, 'partyId'));
  const { partyId, name, kind, effectiveDate } = command;
  return accept([{ type: 'PartyRegistered', data: { partyId, name, kind, effectiveDate } }]);
}
