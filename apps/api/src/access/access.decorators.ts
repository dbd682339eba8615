// What each endpoint requires. Undecorated endpoints follow their method: a GET reads, a POST
// records. Nothing is open unless it says so. A finding's review is the controllers' and
// accountants' own record; a source document may be attached by whoever records or checks facts.
import { SetMetadata } from '@nestjs/common';

import type { AccessRule } from '@geldstroom/application/access/access-rules';

export type { AccessRule };

export const ACCESS_RULE = 'geldstroom:access';

/** Marks an endpoint (or a controller) with the access it needs. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);
