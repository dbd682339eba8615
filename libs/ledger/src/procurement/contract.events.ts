// The contract's own stream: the award (mirrored from its procurement), amendments, the end.
import type { Cents } from '../money/money';
import type { DomainEvent } from '../shared/decider';
import type { ContractAwarded } from './procurement.events';

export const CONTRACT_EVENT_TYPES = ['ContractAwarded', 'ContractAmended', 'ContractEnded'] as const;

export type ContractAmended = DomainEvent<
  'ContractAmended',
  {
    readonly contractId: string;
    readonly amendmentId: string;
    /** The new ceiling, not a difference: what a call-off is compared with from now on. */
    readonly ceilingCents: Cents;
    readonly termEnd?: string;
    readonly reason: string;
    readonly effectiveDate: string;
  }
>;

export type ContractEnded = DomainEvent<
  'ContractEnded',
  { readonly contractId: string; readonly reason: string; readonly effectiveDate: string }
>;

export type ContractEvent = ContractAwarded | ContractAmended | ContractEnded;
