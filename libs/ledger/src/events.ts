// The whole event catalogue in one place: every type, its schema version, and the unions.
import { BUDGET_EVENT_TYPES, type BudgetEvent } from './budget/budget.events';
import { GRANT_EVENT_TYPES, type GrantEvent } from './grant/grant.events';
import { PARTY_EVENT_TYPES, type PartyEvent } from './party/party.events';
import { CONTRACT_EVENT_TYPES, type ContractEvent } from './procurement/contract.events';
import { PROCUREMENT_EVENT_TYPES, type ProcurementEvent } from './procurement/procurement.events';
import { PROGRAMME_EVENT_TYPES, type ProgrammeEvent } from './programme/programme.events';
import { PURCHASE_EVENT_TYPES, type PurchaseEvent } from './purchase/purchase.events';
import { REVERSAL_EVENT_TYPES, type EntryReversed } from './reversal/reversal.events';
import { EXPENSE_EVENT_TYPES, type ExpenseEvent } from './expense/expense.events';
import { FINDING_EVENT_TYPES, type FindingEvent } from './finding/finding.events';
import { DOCUMENT_EVENT_TYPES, type DocumentEvent } from './document/document.events';
import type { BudgetCommand } from './budget/budget.commands';
import type { GrantCommand } from './grant/grant.commands';
import type { PartyCommand } from './party/party.commands';
import type { ContractCommand } from './procurement/contract.commands';
import type { ProcurementCommand } from './procurement/procurement.commands';
import type { ProgrammeCommand } from './programme/programme.commands';
import type { PurchaseCommand } from './purchase/purchase.commands';
import type { ReverseEntry } from './reversal/reversal.commands';
import type { ExpenseCommand } from './expense/expense.commands';
import type { FindingCommand } from './finding/finding.commands';
import type { DocumentCommand } from './document/document.commands';

export type LedgerEvent =
  | PartyEvent
  | BudgetEvent
  | ProgrammeEvent
  | GrantEvent
  | ProcurementEvent
  | ContractEvent
  | PurchaseEvent
  | ExpenseEvent
  | FindingEvent
  | DocumentEvent
  | EntryReversed;

export type LedgerEventType = LedgerEvent['type'];

export type LedgerCommand =
  | PartyCommand
  | BudgetCommand
  | ProgrammeCommand
  | GrantCommand
  | ProcurementCommand
  | ContractCommand
  | PurchaseCommand
  | ExpenseCommand
  | FindingCommand
  | DocumentCommand
  | ReverseEntry;

/** Every event type once (ContractAwarded is one type on two streams). */
export const EVENT_TYPES: readonly LedgerEventType[] = [
  ...new Set<LedgerEventType>([
    ...PARTY_EVENT_TYPES,
    ...BUDGET_EVENT_TYPES,
    ...PROGRAMME_EVENT_TYPES,
    ...GRANT_EVENT_TYPES,
    ...PROCUREMENT_EVENT_TYPES,
    ...CONTRACT_EVENT_TYPES,
    ...PURCHASE_EVENT_TYPES,
    ...EXPENSE_EVENT_TYPES,
    ...FINDING_EVENT_TYPES,
    ...DOCUMENT_EVENT_TYPES,
    ...REVERSAL_EVENT_TYPES,
  ]),
];

/**
 * The schema version of each event type's data, written in the envelope's metadata. A change
 * to a type's data shape raises its version here, and readers upcast older versions.
 */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(EVENT_TYPES.map((type) => [type, 1])),
);
