import { deciderSpec } from '../testing/decider-spec';
import type { RegisterParty } from './party.commands';
import { partyDecider } from './party.decider';
import type { PartyRegistered } from './party.events';

const given = deciderSpec(partyDecider);

const register = (overrides: Partial<RegisterParty> = {}): RegisterParty => ({
  type: 'RegisterParty',
  partyId: 'werkvoorheerlen',
  name: 'Stichting WerkvoorHeerlen',
  kind: 'foundation',
  effectiveDate: '2024-01-01',
  ...overrides,
});

const registered: PartyRegistered = {
  type: 'PartyRegistered',
  data: { partyId: 'werkvoorheerlen', name: 'Stichting WerkvoorHeerlen', kind: 'foundation', effectiveDate: '2024-01-01' },
};

describe('party decider', () => {
  describe('when the party is not registered', () => {
    it('registers it', () => given([]).when(register()).then([registered]));

    it('refuses an id that is not an entity id', () => given([]).when(register({ partyId: 'Werk voor Heerlen' })).thenRefused('invalid-value', 'partyId'));
    it('refuses an unknown kind', () => given([]).when(register({ kind: 'person' as never })).thenRefused('invalid-value', 'kind'));
    it('refuses a blank name', () => given([]).when(register({ name: '  ' })).thenRefused('invalid-value', 'name'));
    it('refuses a name holding a BSN', () => given([]).when(register({ name: 'J. Jansen 123456782' })).thenRefused('personal-data', 'name'));
    it('refuses a date that is not a date', () => given([]).when(register({ effectiveDate: '2024-02-30' })).thenRefused('invalid-date', 'effectiveDate'));
  });

  describe('when the party is registered', () => {
    it('refuses to register it again', () => given([registered]).when(register()).thenRefused('already-exists', 'partyId'));
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([]).when({ type: 'OpenBudget' } as never).thenRefused('invalid-value', 'type'));
  });
});
