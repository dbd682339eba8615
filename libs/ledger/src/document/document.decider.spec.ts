import { deciderSpec } from '../testing/decider-spec';
import { budget, knowing, party, reversedAway } from '../testing/fixtures';
import type { AttachDocument } from './document.commands';
import { documentDecider, DOCUMENT_SIZE_BYTES_MAX } from './document.decider';
import type { DocumentAttached } from './document.events';

// The decision behind Heerlen's budget is attached to the event that opened it. The fixtures name
// a stream's n-th event `<stream>-<n>`.
const BUDGET = budget('heerlen-participatie-2024', 'gemeente-heerlen', ['inhuur']);
const OPENED = 'budget-heerlen-participatie-2024-1';
const HASH = 'a'.repeat(64);
const given = deciderSpec(documentDecider, { knowing: knowing(party('gemeente-heerlen'), BUDGET) });

const attach = (overrides: Partial<AttachDocument> = {}): AttachDocument => ({
  type: 'AttachDocument',
  documentId: 'raadsbesluit-begroting-2024',
  supportsEventId: OPENED,
  supportsStreamId: 'budget-heerlen-participatie-2024',
  contentHash: HASH,
  name: 'Raadsbesluit begroting 2024.pdf',
  contentType: 'application/pdf',
  sizeBytes: 182_113,
  effectiveDate: '2023-11-09',
  ...overrides,
});

const attached: DocumentAttached = {
  type: 'DocumentAttached',
  data: {
    documentId: 'raadsbesluit-begroting-2024',
    supportsEventId: OPENED,
    supportsStreamId: 'budget-heerlen-participatie-2024',
    contentHash: HASH,
    name: 'Raadsbesluit begroting 2024.pdf',
    contentType: 'application/pdf',
    sizeBytes: 182_113,
    effectiveDate: '2023-11-09',
  },
};

describe('document decider', () => {
  describe('when nothing is attached yet', () => {
    it('attaches a document to an event of a ledger stream, naming both', () => given([]).when(attach()).then([attached]));
    it('attaches a document to a later event of the stream (an allocation line)', () =>
      given([])
        .when(attach({ supportsEventId: 'budget-heerlen-participatie-2024-2' }))
        .then([{ ...attached, data: { ...attached.data, supportsEventId: 'budget-heerlen-participatie-2024-2' } }]));
    it('attaches a document to a reversed event: the paper may explain the correction', () =>
      given([])
        .knowing(knowing(reversedAway(budget('heerlen-participatie-2024', 'gemeente-heerlen'))))
        .when(attach())
        .then([attached]));
    it.each(['image/png', 'image/jpeg', 'text/plain', 'text/csv'] as const)('attaches a file of type %s', (contentType) =>
      given([]).when(attach({ contentType })).then([{ ...attached, data: { ...attached.data, contentType } }]));

    it('refuses an event that is not on the stream named', () =>
      given([]).when(attach({ supportsEventId: 'budget-anders-1' })).thenRefused('not-found', 'supportsEventId'));
    it('refuses a stream that does not exist', () =>
      given([]).when(attach({ supportsStreamId: 'budget-onbekend' })).thenRefused('not-found', 'supportsEventId'));
    it.each([
      ['the access stream', 'access-principals'],
      ['a document', 'document-ander-stuk'],
      ['no stream at all', 'budget'],
    ])('refuses to support %s', (_what, supportsStreamId) => given([]).when(attach({ supportsStreamId })).thenRefused('invalid-value', 'supportsStreamId'));
    it('refuses a hash that is no SHA-256 in lower-case hex', () =>
      given([]).when(attach({ contentHash: 'A'.repeat(64) })).thenRefused('invalid-value', 'contentHash'));
    it('refuses a type the ledger does not keep', () =>
      given([]).when(attach({ contentType: 'application/zip' as never })).thenRefused('invalid-value', 'contentType'));
    it('refuses a name holding a BSN', () => given([]).when(attach({ name: 'Beschikking 123456782.pdf' })).thenRefused('personal-data', 'name'));
    it('refuses a blank name', () => given([]).when(attach({ name: '' })).thenRefused('invalid-value', 'name'));
    it.each([0, -1, 1.5, DOCUMENT_SIZE_BYTES_MAX + 1])('refuses a size of %s bytes', (sizeBytes) =>
      given([]).when(attach({ sizeBytes })).thenRefused('invalid-value', 'sizeBytes'));
    it('refuses a document id that is not an entity id', () => given([]).when(attach({ documentId: 'Besluit' })).thenRefused('invalid-value', 'documentId'));
    it('refuses a date that is not a date', () => given([]).when(attach({ effectiveDate: '2023-11-31' })).thenRefused('invalid-date', 'effectiveDate'));
  });

  describe('when the document is attached', () => {
    it('refuses to attach it again', () => given([attached]).when(attach()).thenRefused('already-exists', 'documentId'));
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([]).when({ type: 'AwardGrant' } as never).thenRefused('invalid-value', 'type'));
  });
});
