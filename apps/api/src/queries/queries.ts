// Every query endpoint: GET, read-only, answered from the read models as of any date.
import { ProgrammeQueriesController } from './programme-queries.controller';
import { ProviderQueriesController } from './provider-queries.controller';
import { FindingsController } from './findings.controller';
import { AuditQueriesController } from './audit-queries.controller';
import { BudgetQueriesController } from './budget-queries.controller';
import { PartyQueriesController } from './party-queries.controller';
import { FundingFlowsController } from './funding-flows.controller';
import { CatalogueController } from './catalogue.controller';
import { PartyReportsController, ThenAndNowController } from './report-queries.controller';
import { SearchController } from './search.controller';

export const QUERY_CONTROLLERS = [ProgrammeQueriesController, ProviderQueriesController, FindingsController, AuditQueriesController, BudgetQueriesController, PartyQueriesController, FundingFlowsController, CatalogueController, SearchController, PartyReportsController, ThenAndNowController];
