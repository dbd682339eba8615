// What each endpoint requires. Undecorated endpoints follow their method: a GET reads, a POST
// records. Nothing is open unless it says so. A finding's review is the controllers' and
// accountants' own record; a source document may be attached by whoever records or checks facts.
import { applyDecorators, SetMetadata } from '@nestjs/common';

import type { AccessRule } from '@geldstroom/application/access/access-rules';

export type { AccessRule };

export const ACCESS_RULE = 'geldstroom:access';

/** Marks an endpoint (or a controller) with the access it needs. */
export const Access = (rule: AccessRule) => SetMetadata(ACCESS_RULE, rule);

export const OWN_VIEW_PARTY = 'geldstroom:own-view-party';

/** Where an own view's party is read from; undefined when the request is no one party's view. */
export type OwnViewParty = (request: { readonly params: Record<string, string | undefined>; readonly query: Record<string, unknown> }) => string | undefined;

/**
 * One party's own view: read by whoever reads the ledger, and by a party reader given that party.
 * A request that names no one party (or another) is refused to a party reader, whether it exists or not.
 */
export const OwnView = (partyOf: OwnViewParty = (request) => request.params.id) =>
  applyDecorators(SetMetadata(ACCESS_RULE, 'own-view'), SetMetadata(OWN_VIEW_PARTY, partyOf));
