// A kind of command: the endpoint it answers on, the DTO its body is validated against, who may
// send it, and the one mapping from that DTO to the ledger command. The HTTP controllers, the
// batch endpoint and the scenario loader all take their commands from a kind, so a field is
// copied from the wire into a command in exactly one place.
import { ENTITY_ID_PATTERN, type LedgerCommand } from '@geldstroom/ledger';
import type { CommandSource } from './command.dto';

/** What the write path needs to record one command; see RecordRequest. */
export interface Dispatch {
  readonly entityId: string;
  readonly streamId: string;
  readonly mustExist: boolean;
  readonly command: LedgerCommand;
  /** The client-chosen id that makes a retry recognisable. */
  readonly idempotencyId: string;
  readonly source: CommandSource;
}

/** Recorders record facts; a finding's reviews are the controllers' and accountants'. */
export type CommandAccess = 'record' | 'review';

/** What a kind may need to know of the ledger before it dispatches (a review's finding). */
export interface CommandLookups {
  findingExists(findingId: string): Promise<boolean>;
}

export interface CommandKind<D extends object = object> {
  /** The name a batch or a client uses, e.g. `purchase-trajectories`. */
  readonly kind: string;
  /** The single endpoint, e.g. `/v1/purchases/:id/invoices`; `:id` is the entity acted on. */
  readonly path: string;
  readonly dto: new () => D;
  readonly access: CommandAccess;
  /** The pattern the path's `:id` must match; entity ids unless said otherwise. */
  readonly idPattern: RegExp;
  /** Refuses, with the problem to answer, what the decider cannot know (a finding that never was). */
  check?(id: string, lookups: CommandLookups): Promise<void>;
  /** `id` is the path's `:id`; empty for commands that start an entity. */
  toDispatch(dto: D, id: string): Dispatch;
}

type KindSpec<D extends object> = Omit<CommandKind<D>, 'idPattern' | 'access'> & Partial<Pick<CommandKind<D>, 'idPattern' | 'access'>>;

export function commandKind<D extends object>(spec: KindSpec<D>): CommandKind<D> {
  return { access: 'record', idPattern: ENTITY_ID_PATTERN, ...spec };
}

/** A command that starts an entity: its id is the idempotency id. */
export function create(category: string, entityId: string, source: CommandSource, command: LedgerCommand): Dispatch {
  return { entityId, streamId: `${category}-${entityId}`, mustExist: false, idempotencyId: entityId, source, command };
}

/** A command on an existing entity (a payment on a grant), recognised by its own client id. */
export function on(category: string, entityId: string, idempotencyId: string, source: CommandSource, command: LedgerCommand): Dispatch {
  return { entityId, streamId: `${category}-${entityId}`, mustExist: true, idempotencyId, source, command };
}

/** Whether a kind acts on an existing entity named in its path. */
export function takesId(kind: CommandKind): boolean {
  return kind.path.includes(':id');
}
