// Every command endpoint of the ledger, one controller per resource.
import { BudgetsController } from './budgets/budgets.controller';
import { ExpensesController } from './expenses/expenses.controller';
import { FindingReviewsController } from './findings/finding-reviews.controller';
import { GrantsController } from './grants/grants.controller';
import { PartiesController } from './parties/parties.controller';
import { ContractsController, ProcurementsController } from './procurements/procurements.controller';
import { ProgrammesController } from './programmes/programmes.controller';
import { PurchasesController } from './purchases/purchases.controller';
import { ReversalsController } from './reversals/reversals.controller';

export const RESOURCE_CONTROLLERS = [
  PartiesController,
  BudgetsController,
  ProgrammesController,
  GrantsController,
  ProcurementsController,
  ContractsController,
  PurchasesController,
  ExpensesController,
  FindingReviewsController,
  ReversalsController,
];
