// A document supports one event of a ledger stream (a reversal too: the letter that corrected it).
// Refused: an event that is not on the stream named, a stream that is no ledger fact's (access,
// another document), a hash that is no SHA-256, a type the ledger does not keep, a name that is
// blank or holds personal data, the same document id twice.
import { accept, refuseWith, type Decision, type EventWithId, type References, type Refusal } from '../shared/decider';
import { checkDate, checkId, checkOneOf, checkText, firstRefusal, refusal } from '../shared/checks';
import { parseStreamId } from '../shared/ids';
import { withReversals } from '../reversal/with-reversals';
import type { AttachDocument, DocumentCommand } from './document.commands';
import { DOCUMENT_CONTENT_TYPES, type DocumentEvent } from './document.events';

/** The largest file the ledger could be configured to keep; the API's limit is far below it. */
export const DOCUMENT_SIZE_BYTES_MAX = 1024 * 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Event ids are UUIDs the store made; anything longer is no event id. */
const EVENT_ID_LENGTH_MAX = 100;

export interface DocumentState {
  readonly exists: boolean;
  readonly documentId?: string;
}

/** The stream a document may support: any ledger stream but a document's own. */
export function supportableStream(streamId: unknown): string | undefined {
  if (typeof streamId !== 'string') return undefined;
  const parsed = parseStreamId(streamId);
  return parsed && parsed.category !== 'document' ? streamId : undefined;
}

export const documentDecider = withReversals<DocumentCommand, DocumentEvent, DocumentState>({
  category: 'document',
  initialState: () => ({ exists: false }),
  evolve: (_state, event) => ({ exists: true, documentId: event.data.documentId }),
  references: (command) => {
    const streamId = command.type === 'AttachDocument' ? supportableStream(command.supportsStreamId) : undefined;
    return streamId ? [streamId] : [];
  },
  decide: (command, state, references) =>
    command.type === 'AttachDocument'
      ? attach(command, state, references)
      : refuseWith(refusal('invalid-value', `a document does not take ${(command as { type: string }).type}`, 'type')),
});

function attach(command: AttachDocument, state: DocumentState, references: References): Decision<DocumentEvent> {
  const invalid = firstRefusal(
    checkId(command.documentId, 'documentId'),
    typeof command.supportsEventId === 'string' && command.supportsEventId.length > 0 && command.supportsEventId.length <= EVENT_ID_LENGTH_MAX
      ? undefined
      : refusal('invalid-value', 'supportsEventId must be the id of an event of the ledger', 'supportsEventId'),
    supportableStream(command.supportsStreamId) ? undefined : refusal('invalid-value', 'a document supports a fact of the ledger', 'supportsStreamId'),
    typeof command.contentHash === 'string' && SHA256_HEX.test(command.contentHash)
      ? undefined
      : refusal('invalid-value', 'contentHash must be the SHA-256 of the file in lower-case hex', 'contentHash'),
    checkText(command.name, 'name'),
    checkOneOf(command.contentType, DOCUMENT_CONTENT_TYPES, 'contentType'),
    checkSize(command.sizeBytes),
    checkDate(command.effectiveDate),
  );
  if (invalid) return refuseWith(invalid);
  if (state.exists) return refuseWith(refusal('already-exists', `document ${command.documentId} was already attached`, 'documentId'));
  const missing = checkSupportedEvent(command, references);
  if (missing) return refuseWith(missing);
  const { documentId, supportsEventId, supportsStreamId, contentHash, name, contentType, sizeBytes, effectiveDate } = command;
  return accept([{ type: 'DocumentAttached', data: { documentId, supportsEventId, supportsStreamId, contentHash, name, contentType, sizeBytes, effectiveDate } }]);
}

function checkSize(sizeBytes: unknown): Refusal | undefined {
  if (typeof sizeBytes === 'number' && Number.isSafeInteger(sizeBytes) && sizeBytes >= 1 && sizeBytes <= DOCUMENT_SIZE_BYTES_MAX) return undefined;
  return refusal('invalid-value', `sizeBytes must be a whole number from 1 to ${DOCUMENT_SIZE_BYTES_MAX}`, 'sizeBytes');
}

/** The event must be on the stream named, reversed or not: a document may explain a correction. */
function checkSupportedEvent(command: AttachDocument, references: References): Refusal | undefined {
  const stream = references.get(command.supportsStreamId) as { entries?: readonly EventWithId[] } | undefined;
  if (stream?.entries?.some((entry) => entry.eventId === command.supportsEventId)) return undefined;
  return refusal('not-found', `event ${command.supportsEventId} is not on ${command.supportsStreamId}`, 'supportsEventId');
}
