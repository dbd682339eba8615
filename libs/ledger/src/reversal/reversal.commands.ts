// A correction on any stream: nothing is edited, a wrong event is reversed by a new one.

export interface ReverseEntry {
  readonly type: 'ReverseEntry';
  /** Client-chosen id of the correction. */
  readonly reversalId: string;
  /** The store's id of the event to reverse; it must be in the stream decided on. */
  readonly eventId: string;
  readonly reason: string;
  readonly effectiveDate: string;
}
