import { euros } from '../money/money';
import type { EntryReversed } from '../reversal/reversal.events';
import { deciderSpec } from '../testing/decider-spec';
import type { AmendContract, EndContract } from './contract.commands';
import { contractDecider } from './contract.decider';
import type { ContractAmended, ContractEnded } from './contract.events';
import type { ContractAwarded } from './procurement.events';

// The contract's own stream, begun by the mirror of its award on the procurement.
const CONTRACT_ID = 'raamovereenkomst-werkvoorheerlen';

const given = deciderSpec(contractDecider);

const awarded: ContractAwarded = {
  type: 'ContractAwarded',
  data: {
    procurementId: 'inkoop-reintegratie-2024',
    contractId: CONTRACT_ID,
    buyerPartyId: 'gemeente-heerlen',
    supplierPartyId: 'werkvoorheerlen',
    procedure: 'social-services',
    ceilingCents: euros(750_000),
    termStart: '2024-07-01',
    termEnd: '2026-06-30',
    optionMonths: 24,
    effectiveDate: '2024-06-20',
  },
};

const amend = (overrides: Partial<AmendContract> = {}): AmendContract => ({
  type: 'AmendContract',
  contractId: CONTRACT_ID,
  amendmentId: 'wijziging-1',
  ceilingCents: euros(800_000),
  termEnd: '2026-12-31',
  reason: 'Meer deelnemers dan voorzien',
  effectiveDate: '2025-01-15',
  ...overrides,
});

const end = (overrides: Partial<EndContract> = {}): EndContract => ({
  type: 'EndContract',
  contractId: CONTRACT_ID,
  reason: 'Pilot beëindigd',
  effectiveDate: '2025-06-30',
  ...overrides,
});

const amended: ContractAmended = {
  type: 'ContractAmended',
  data: {
    contractId: CONTRACT_ID,
    amendmentId: 'wijziging-1',
    ceilingCents: euros(800_000),
    termEnd: '2026-12-31',
    reason: 'Meer deelnemers dan voorzien',
    effectiveDate: '2025-01-15',
  },
};

const ended: ContractEnded = {
  type: 'ContractEnded',
  data: { contractId: CONTRACT_ID, reason: 'Pilot beëindigd', effectiveDate: '2025-06-30' },
};

/** The mirror of the award's reversal on the procurement, as it lands on this stream. */
const awardReversed: EntryReversed = {
  type: 'EntryReversed',
  data: {
    reversalId: 'gunning-ingetrokken',
    reversedEventType: 'ContractAwarded',
    reversedEventKey: CONTRACT_ID,
    originEventId: 'procurement-event-2',
    reason: 'Gunning ingetrokken na bezwaar',
    effectiveDate: '2025-02-01',
  },
};

const BSN_TEXT = 'Op verzoek van 123456782';

describe('contract decider', () => {
  describe('when the contract was never awarded', () => {
    it('refuses an amendment', () => given([]).when(amend()).thenRefused('not-found', 'contractId'));
    it('refuses an end', () => given([]).when(end()).thenRefused('not-found', 'contractId'));
  });

  describe('when the contract is awarded', () => {
    it('amends its ceiling and term end', () => given([awarded]).when(amend()).then([amended]));
    it('amends its ceiling only, leaving termEnd out', () => {
      const { termEnd: _none, ...data } = amended.data;
      given([awarded]).when(amend({ termEnd: undefined })).then([{ type: 'ContractAmended', data }]);
    });
    it('lowers its ceiling', () =>
      given([awarded])
        .when(amend({ ceilingCents: euros(500_000) }))
        .then([{ ...amended, data: { ...amended.data, ceilingCents: euros(500_000) } }]));
    it('amends the term to end on the day it starts', () =>
      given([awarded])
        .when(amend({ termEnd: '2024-07-01' }))
        .then([{ ...amended, data: { ...amended.data, termEnd: '2024-07-01' } }]));
    it('takes the amended ceiling as the new ceiling and keeps the term end an amendment does not name', () => {
      const second: ContractAmended = {
        type: 'ContractAmended',
        data: { contractId: CONTRACT_ID, amendmentId: 'wijziging-2', ceilingCents: euros(900_000), reason: 'Indexatie', effectiveDate: '2025-03-01' },
      };
      const state = given([awarded, amended, second]).state().live;
      expect(state.ceilingCents).toBe(euros(900_000));
      expect(state.termEnd).toBe('2026-12-31');
      expect(state.amendmentIds).toEqual(['wijziging-1', 'wijziging-2']);
    });

    it('refuses an amendment naming another contract', () =>
      given([awarded]).when(amend({ contractId: 'ander-contract' })).thenRefused('invalid-value', 'contractId'));
    it('refuses an amendment id that is not an entity id', () =>
      given([awarded]).when(amend({ amendmentId: 'Wijziging 1' })).thenRefused('invalid-value', 'amendmentId'));
    it('refuses an amendment dated on no date', () =>
      given([awarded]).when(amend({ effectiveDate: '2025-02-29' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a zero ceiling', () => given([awarded]).when(amend({ ceilingCents: 0 })).thenRefused('invalid-amount', 'ceilingCents'));
    it('refuses a negative ceiling', () =>
      given([awarded]).when(amend({ ceilingCents: -euros(50_000) })).thenRefused('invalid-amount', 'ceilingCents'));
    it('refuses a term end that is not a date', () =>
      given([awarded]).when(amend({ termEnd: '31-12-2026' })).thenRefused('invalid-date', 'termEnd'));
    it('refuses an amendment without a reason', () =>
      given([awarded]).when(amend({ reason: '' })).thenRefused('invalid-value', 'reason'));
    it('refuses an amendment reason holding a BSN', () =>
      given([awarded]).when(amend({ reason: BSN_TEXT })).thenRefused('personal-data', 'reason'));
    it('refuses an amendment id used before', () =>
      given([awarded, amended]).when(amend({ ceilingCents: euros(1_000_000) })).thenRefused('already-exists', 'amendmentId'));
    it('refuses a term end before the term starts', () =>
      given([awarded]).when(amend({ termEnd: '2024-06-30' })).thenRefused('invalid-date', 'termEnd'));

    it('ends it', () => given([awarded]).when(end()).then([ended]));
    it('ends it on the day of the award', () =>
      given([awarded])
        .when(end({ effectiveDate: '2024-06-20' }))
        .then([{ ...ended, data: { ...ended.data, effectiveDate: '2024-06-20' } }]));
    it('ends an amended contract', () => given([awarded, amended]).when(end()).then([ended]));
    it('refuses an end dated before the award', () =>
      given([awarded]).when(end({ effectiveDate: '2024-06-19' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses an end naming another contract', () =>
      given([awarded]).when(end({ contractId: 'ander-contract' })).thenRefused('invalid-value', 'contractId'));
    it('refuses an end dated on no date', () =>
      given([awarded]).when(end({ effectiveDate: '2025-06-31' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses an end without a reason', () => given([awarded]).when(end({ reason: ' ' })).thenRefused('invalid-value', 'reason'));
    it('refuses an end reason holding a BSN', () =>
      given([awarded]).when(end({ reason: BSN_TEXT })).thenRefused('personal-data', 'reason'));
  });

  describe('when the contract has ended', () => {
    it('refuses an amendment', () => given([awarded, ended]).when(amend()).thenRefused('invalid-state'));
    it('refuses a second end', () => given([awarded, ended]).when(end({ effectiveDate: '2025-07-01' })).thenRefused('invalid-state'));
  });

  describe('when the award was reversed on its procurement', () => {
    it('refuses an amendment: the contract no longer exists', () =>
      given([awarded, awardReversed]).when(amend()).thenRefused('not-found', 'contractId'));
    it('refuses an end', () => given([awarded, awardReversed]).when(end()).thenRefused('not-found', 'contractId'));
    it('folds amendments made before the reversal to nothing', () => {
      const state = given([awarded, amended, awardReversed]).state().live;
      expect(state.exists).toBe(false);
      expect(state.ceilingCents).toBe(0);
      expect(state.amendmentIds).toEqual([]);
    });
  });

  describe('when the award mirror itself is to be reversed here', () => {
    it('refuses: a mirror is reversed on the stream it was decided on', () =>
      given([awarded])
        .when({ type: 'ReverseEntry', reversalId: 'gunning-ingetrokken', eventId: 'event-1', reason: 'Fout', effectiveDate: '2025-02-01' })
        .thenRefused('invalid-state', 'eventId'));
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses an award: contracts are awarded on their procurement', () =>
      given([]).when({ type: 'AwardContract' } as never).thenRefused('invalid-value', 'type'));
  });
});
