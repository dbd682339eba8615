// Every decider by stream category, so the write side can fold any stream by its name.
import { accessDecider } from './access/access.decider';
import { budgetDecider } from './budget/budget.decider';
import { grantDecider } from './grant/grant.decider';
import { partyDecider } from './party/party.decider';
import { contractDecider } from './procurement/contract.decider';
import { procurementDecider } from './procurement/procurement.decider';
import { programmeDecider } from './programme/programme.decider';
import { purchaseDecider } from './purchase/purchase.decider';
import type { StreamCategory } from './shared/ids';

export const DECIDERS = {
  party: partyDecider,
  budget: budgetDecider,
  programme: programmeDecider,
  grant: grantDecider,
  procurement: procurementDecider,
  contract: contractDecider,
  purchase: purchaseDecider,
  // Not a ledger entity, but recorded the same way: who may use the ledger, and who said so.
  access: accessDecider,
} as const satisfies Record<StreamCategory | 'access', { readonly category: string }>;

export type DeciderCategory = keyof typeof DECIDERS;
