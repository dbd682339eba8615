// EntryReversed: written on the stream of the reversed event, and, when that event had a
// mirror on another stream (a transfer's incoming side, a contract award), on that stream too.
import type { DomainEvent } from '../shared/decider';

export const REVERSAL_EVENT_TYPES = ['EntryReversed'] as const;

export type EntryReversed = DomainEvent<
  'EntryReversed',
  {
    readonly reversalId: string;
    readonly reversedEventType: string;
    readonly reason: string;
    readonly effectiveDate: string;
    /** On the stream of the reversed event: its id. */
    readonly reversedEventId?: string;
    /**
     * On a mirror's stream the mirror's own id is not known when deciding (the store assigns
     * ids on append), so the mirror is named by its key (see `keyOfMirror`) and by the id of
     * the event it mirrors.
     */
    readonly reversedEventKey?: string;
    readonly originEventId?: string;
  }
>;
