// Every decider by stream category, so the write side can fold any stream by its name.
import { accessDecider } from './access/access.decider';
import { budgetDecider } from './budget/budget.decider';
import { documentDecider } from './document/document.decider';
import { expenseDecider } from './expense/expense.decider';
import { findingDecider } from './finding/finding.decider';
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
  expense: expenseDecider,
  finding: findingDecider,
  document: documentDecider,
  // Not a ledger entity, but recorded the same way: who may use the ledger, and who said so.
  access: accessDecider,
} as const satisfies Record<StreamCategory | 'access', { readonly category: string }>;

export type DeciderCategory = keyof typeof DECIDERS;
