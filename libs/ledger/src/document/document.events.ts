// A source document attached to a recorded fact: the decision, an invoice, a payment order. The
// file is kept beside the store under its SHA-256; the journal keeps its hash, name and type, and
// the fact it supports, so a figure can be followed to the paper behind it and the paper checked.
import type { DomainEvent } from '../shared/decider';

export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

export const DOCUMENT_EVENT_TYPES = ['DocumentAttached'] as const;

export type DocumentAttached = DomainEvent<
  'DocumentAttached',
  {
    readonly documentId: string;
    /** The event (by its id) the document supports, and the stream it is on. */
    readonly supportsEventId: string;
    readonly supportsStreamId: string;
    /** SHA-256 of the file's bytes, lowercase hex: its name in the document store. */
    readonly contentHash: string;
    /** A file name that says what the document is, never whom it is about. */
    readonly name: string;
    readonly contentType: DocumentContentType;
    readonly sizeBytes: number;
    readonly effectiveDate: string;
  }
>;

export type DocumentEvent = DocumentAttached;
