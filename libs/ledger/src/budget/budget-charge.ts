// What every spending (a grant, a purchase) must name on the budget side, checked one way.
import type { References } from '../shared/decider';
import { firstRefusal, notFound, referenced } from '../shared/checks';
import { streamId } from '../shared/ids';
import type { BudgetState } from './budget.state';

/** The budget, the party paid, the programme and the budget line a spending names must exist. */
export function checkSpendingReferences(
  command: { readonly budgetId: string; readonly programmeId?: string; readonly budgetLineId?: string },
  party: { readonly field: string; readonly id: string },
  references: References,
) {
  const budget = referenced<BudgetState>(references, streamId('budget', command.budgetId));
  return firstRefusal(
    budget ? undefined : notFound(`budget ${command.budgetId}`, 'budgetId'),
    referenced(references, streamId('party', party.id)) ? undefined : notFound(`party ${party.id}`, party.field),
    command.programmeId === undefined || referenced(references, streamId('programme', command.programmeId))
      ? undefined
      : notFound(`programme ${command.programmeId}`, 'programmeId'),
    command.budgetLineId === undefined || !budget || budget.lineIds.includes(command.budgetLineId)
      ? undefined
      : notFound(`allocation line ${command.budgetLineId} of budget ${command.budgetId}`, 'budgetLineId'),
  );
}
