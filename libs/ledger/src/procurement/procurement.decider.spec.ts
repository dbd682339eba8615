import { euros, MONEY_CENTS_MAX } from '../money/money';
import type { ReverseEntry } from '../reversal/reversal.commands';
import { deciderSpec } from '../testing/decider-spec';
import { contract, knowing, party, reversedAway } from '../testing/fixtures';
import type { AwardContract, StartProcurement } from './procurement.commands';
import { OPTION_MONTHS_MAX, procurementDecider } from './procurement.decider';
import type { ContractAwarded, ProcurementStarted } from './procurement.events';

// Heerlen buys re-integration trajectories from WerkvoorHeerlen: a social-services procedure,
// a framework agreement (raamovereenkomst) with a ceiling, a term and options.
const PROCUREMENT_ID = 'inkoop-reintegratie-2024';
const BUYER = 'gemeente-heerlen';
const SUPPLIER = 'werkvoorheerlen';

const references = knowing(party(BUYER), party(SUPPLIER, 'foundation'));
const given = deciderSpec(procurementDecider, { knowing: references });

const start = (overrides: Partial<StartProcurement> = {}): StartProcurement => ({
  type: 'StartProcurement',
  procurementId: PROCUREMENT_ID,
  buyerPartyId: BUYER,
  subject: 'Re-integratietrajecten Participatiewet',
  procedure: 'social-services',
  estimatedValueCents: euros(900_000),
  effectiveDate: '2024-03-01',
  ...overrides,
});

const award = (overrides: Partial<AwardContract> = {}): AwardContract => ({
  type: 'AwardContract',
  procurementId: PROCUREMENT_ID,
  contractId: 'raamovereenkomst-werkvoorheerlen',
  supplierPartyId: SUPPLIER,
  ceilingCents: euros(750_000),
  termStart: '2024-07-01',
  termEnd: '2026-06-30',
  optionMonths: 24,
  effectiveDate: '2024-06-20',
  ...overrides,
});

const started: ProcurementStarted = {
  type: 'ProcurementStarted',
  data: {
    procurementId: PROCUREMENT_ID,
    buyerPartyId: BUYER,
    subject: 'Re-integratietrajecten Participatiewet',
    procedure: 'social-services',
    estimatedValueCents: euros(900_000),
    effectiveDate: '2024-03-01',
  },
};

const contractAwarded: ContractAwarded = {
  type: 'ContractAwarded',
  data: {
    procurementId: PROCUREMENT_ID,
    contractId: 'raamovereenkomst-werkvoorheerlen',
    buyerPartyId: BUYER,
    supplierPartyId: SUPPLIER,
    procedure: 'social-services',
    ceilingCents: euros(750_000),
    termStart: '2024-07-01',
    termEnd: '2026-06-30',
    optionMonths: 24,
    effectiveDate: '2024-06-20',
  },
};

const onContractStream = (event: ContractAwarded) => [{ streamId: `contract-${event.data.contractId}`, events: [event] }];

describe('procurement decider', () => {
  describe('when the procurement is not started', () => {
    it('starts it with its procedure and estimated value', () => given([]).when(start()).then([started]));
    it('starts it with a procedure too light for its value: that is a derived finding, not a refusal', () =>
      given([])
        .when(start({ procedure: 'single-quote' }))
        .then([{ ...started, data: { ...started.data, procedure: 'single-quote' } }]));

    it('refuses a procurement id that is not an entity id', () =>
      given([]).when(start({ procurementId: 'Inkoop 2024' })).thenRefused('invalid-value', 'procurementId'));
    it('refuses a buyer id that is not an entity id', () =>
      given([]).when(start({ buyerPartyId: 'Gemeente' })).thenRefused('invalid-value', 'buyerPartyId'));
    it('refuses a date that is not a date', () =>
      given([]).when(start({ effectiveDate: '2023-02-29' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a blank subject', () => given([]).when(start({ subject: '' })).thenRefused('invalid-value', 'subject'));
    it('refuses a subject holding a BSN', () =>
      given([]).when(start({ subject: 'Traject voor 123456782' })).thenRefused('personal-data', 'subject'));
    it('refuses an unknown procedure', () =>
      given([]).when(start({ procedure: 'onderhands' as never })).thenRefused('invalid-value', 'procedure'));
    it('refuses a zero estimated value', () =>
      given([]).when(start({ estimatedValueCents: 0 })).thenRefused('invalid-amount', 'estimatedValueCents'));
    it('refuses a negative estimated value', () =>
      given([]).when(start({ estimatedValueCents: -euros(1) })).thenRefused('invalid-amount', 'estimatedValueCents'));
    it('refuses an estimated value above the bound', () =>
      given([]).when(start({ estimatedValueCents: MONEY_CENTS_MAX + 1 })).thenRefused('invalid-amount', 'estimatedValueCents'));
    it('refuses an unknown buyer', () =>
      given([]).when(start({ buyerPartyId: 'gemeente-onbekend' })).thenRefused('not-found', 'buyerPartyId'));
    it('refuses a buyer whose registration was reversed', () =>
      given([]).knowing(knowing(reversedAway(party(BUYER)))).when(start()).thenRefused('not-found', 'buyerPartyId'));

    it('refuses to award a contract on a procurement that does not exist', () =>
      given([]).when(award()).thenRefused('not-found', 'procurementId'));
  });

  describe('when the procurement is started', () => {
    it('refuses to start it again', () => given([started]).when(start()).thenRefused('already-exists', 'procurementId'));

    it("awards a contract, with the procurement's buyer and procedure, mirrored on the contract's stream", () =>
      given([started]).when(award()).then([contractAwarded], onContractStream(contractAwarded)));
    it('awards a contract without options, leaving optionMonths out', () => {
      const { optionMonths: _none, ...data } = contractAwarded.data;
      const event: ContractAwarded = { type: 'ContractAwarded', data };
      given([started]).when(award({ optionMonths: undefined })).then([event], onContractStream(event));
    });
    it('awards a contract with zero option months, keeping them', () => {
      const event: ContractAwarded = { type: 'ContractAwarded', data: { ...contractAwarded.data, optionMonths: 0 } };
      given([started]).when(award({ optionMonths: 0 })).then([event], onContractStream(event));
    });
    it('awards a contract on the day the procurement started, with a one-day term', () => {
      const dates = { effectiveDate: '2024-03-01', termStart: '2024-07-01', termEnd: '2024-07-01' };
      const event: ContractAwarded = { type: 'ContractAwarded', data: { ...contractAwarded.data, ...dates } };
      given([started]).when(award(dates)).then([event], onContractStream(event));
    });
    it('awards a second contract (another lot) to another supplier', () => {
      const event: ContractAwarded = {
        type: 'ContractAwarded',
        data: { ...contractAwarded.data, contractId: 'perceel-2-re-integratie', supplierPartyId: 'leerwerkbedrijf' },
      };
      given([started, contractAwarded])
        .knowing(knowing(party('leerwerkbedrijf', 'company')))
        .when(award({ contractId: 'perceel-2-re-integratie', supplierPartyId: 'leerwerkbedrijf' }))
        .then([event], onContractStream(event));
    });
    it('awards a ceiling above the estimated value: the procedure check is a derived finding', () => {
      const event: ContractAwarded = { type: 'ContractAwarded', data: { ...contractAwarded.data, ceilingCents: euros(2_000_000) } };
      given([started]).when(award({ ceilingCents: euros(2_000_000) })).then([event], onContractStream(event));
    });

    it('refuses an award naming another procurement', () =>
      given([started]).when(award({ procurementId: 'andere-inkoop' })).thenRefused('invalid-value', 'procurementId'));
    it('refuses a contract id that is not an entity id', () =>
      given([started]).when(award({ contractId: 'Raamovereenkomst' })).thenRefused('invalid-value', 'contractId'));
    it('refuses a supplier id that is not an entity id', () =>
      given([started]).when(award({ supplierPartyId: 'W' })).thenRefused('invalid-value', 'supplierPartyId'));
    it('refuses an award date that is not a date', () =>
      given([started]).when(award({ effectiveDate: '2024-06-31' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a term start that is not a date', () =>
      given([started]).when(award({ termStart: '1 juli 2024' })).thenRefused('invalid-date', 'termStart'));
    it('refuses a term end that is not a date', () =>
      given([started]).when(award({ termEnd: '2026-06-00' })).thenRefused('invalid-date', 'termEnd'));
    it('refuses a zero ceiling', () => given([started]).when(award({ ceilingCents: 0 })).thenRefused('invalid-amount', 'ceilingCents'));
    it('refuses a ceiling in fractions of a cent', () =>
      given([started]).when(award({ ceilingCents: 0.5 })).thenRefused('invalid-amount', 'ceilingCents'));
    it('refuses negative option months', () =>
      given([started]).when(award({ optionMonths: -1 })).thenRefused('invalid-value', 'optionMonths'));
    it('refuses option months that are not whole', () =>
      given([started]).when(award({ optionMonths: 1.5 })).thenRefused('invalid-value', 'optionMonths'));
    it('refuses option months beyond the maximum', () =>
      given([started]).when(award({ optionMonths: OPTION_MONTHS_MAX + 1 })).thenRefused('invalid-value', 'optionMonths'));
    it('accepts option months at the maximum', () => {
      const event: ContractAwarded = { type: 'ContractAwarded', data: { ...contractAwarded.data, optionMonths: OPTION_MONTHS_MAX } };
      given([started]).when(award({ optionMonths: OPTION_MONTHS_MAX })).then([event], onContractStream(event));
    });
    it('refuses a contract id this procurement already awarded', () =>
      given([started, contractAwarded]).when(award()).thenRefused('already-exists', 'contractId'));
    it('refuses a term that ends before it starts', () =>
      given([started]).when(award({ termStart: '2024-07-01', termEnd: '2024-06-30' })).thenRefused('invalid-date', 'termEnd'));
    it('refuses an award dated before the procurement started', () =>
      given([started]).when(award({ effectiveDate: '2024-02-29' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a contract id already used anywhere in the ledger', () =>
      given([started])
        .knowing(knowing(party(SUPPLIER, 'foundation'), contract('raamovereenkomst-werkvoorheerlen', SUPPLIER)))
        .when(award())
        .thenRefused('already-exists', 'contractId'));
    it('refuses a contract id even when that contract was reversed away', () =>
      given([started])
        .knowing(knowing(party(SUPPLIER, 'foundation'), reversedAway(contract('raamovereenkomst-werkvoorheerlen', SUPPLIER))))
        .when(award())
        .thenRefused('already-exists', 'contractId'));
    it('refuses an unknown supplier', () =>
      given([started]).when(award({ supplierPartyId: 'onbekende-leverancier' })).thenRefused('not-found', 'supplierPartyId'));
  });

  describe('when an award is reversed', () => {
    const reverse: ReverseEntry = {
      type: 'ReverseEntry',
      reversalId: 'gunning-ingetrokken',
      eventId: 'event-2',
      reason: 'Gunning ingetrokken na bezwaar',
      effectiveDate: '2024-07-15',
    };

    it("reverses the mirror on the contract's stream too, named by the contract id", () =>
      given([started, contractAwarded])
        .when(reverse)
        .then(
          [
            {
              type: 'EntryReversed',
              data: {
                reversalId: 'gunning-ingetrokken',
                reversedEventId: 'event-2',
                reversedEventType: 'ContractAwarded',
                reason: 'Gunning ingetrokken na bezwaar',
                effectiveDate: '2024-07-15',
              },
            },
          ],
          [
            {
              streamId: 'contract-raamovereenkomst-werkvoorheerlen',
              events: [
                {
                  type: 'EntryReversed',
                  data: {
                    reversalId: 'gunning-ingetrokken',
                    reversedEventType: 'ContractAwarded',
                    reversedEventKey: 'raamovereenkomst-werkvoorheerlen',
                    originEventId: 'event-2',
                    reason: 'Gunning ingetrokken na bezwaar',
                    effectiveDate: '2024-07-15',
                  },
                },
              ],
            },
          ],
        ));
    it('forgets the reversed contract id within the procurement', () => {
      const reversed = {
        type: 'EntryReversed' as const,
        data: { reversalId: 'gunning-ingetrokken', reversedEventId: 'event-2', reversedEventType: 'ContractAwarded', reason: 'Fout', effectiveDate: '2024-07-15' },
      };
      expect(given([started, contractAwarded, reversed]).state().live.contractIds).toEqual([]);
    });
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([started]).when({ type: 'AmendContract' } as never).thenRefused('invalid-value', 'type'));
  });
});
