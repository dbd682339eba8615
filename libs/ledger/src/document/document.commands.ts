import type { DocumentContentType } from './document.events';

/**
 * Attach a stored file to a recorded fact. The write side has stored the bytes under their hash
 * and found the stream of the event named; the decider checks that event is on that stream.
 */
export interface AttachDocument {
  readonly type: 'AttachDocument';
  readonly documentId: string;
  readonly supportsEventId: string;
  readonly supportsStreamId: string;
  readonly contentHash: string;
  readonly name: string;
  readonly contentType: DocumentContentType;
  readonly sizeBytes: number;
  readonly effectiveDate: string;
}

export type DocumentCommand = AttachDocument;
