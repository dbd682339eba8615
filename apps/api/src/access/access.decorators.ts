// What each endpoint requires. Undecorated endpoints follow their method: a GET reads, a POST
// records. Nothing is open unless it says so.
import { SetMetadata } from '@nestjs/common';

export type AccessRule = 'public' | 'read' | 'record' | 'admin';

export const ACCESS_RULE = 'geldstroom:access';

/** Marks an endpoint (or a controller) with the access it needs. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);
