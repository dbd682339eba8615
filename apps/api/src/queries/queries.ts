// Every query endpoint: GET, read-only, answered from the read models as of any date.
import { ProgrammeQueriesController } from './programme-queries.controller';

export const QUERY_CONTROLLERS = [ProgrammeQueriesController];
