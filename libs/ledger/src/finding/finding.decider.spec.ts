import { deciderSpec } from '../testing/decider-spec';
import type { ReviewFinding } from './finding.commands';
import { findingDecider } from './finding.decider';
import type { FindingReviewed } from './finding.events';
import { findingStreamId } from './finding-stream';

// A controller reviews Heerlen's budget overrun: first explained, then escalated to the council.
const FINDING_ID = 'budget-overrun:budget:heerlen-participatie-2024';
const given = deciderSpec(findingDecider);

const review = (overrides: Partial<ReviewFinding> = {}): ReviewFinding => ({
  type: 'ReviewFinding',
  findingId: FINDING_ID,
  reviewId: 'review-2024-12',
  state: 'explained',
  note: 'Overschrijding gedekt door begrotingswijziging in de decembercirculaire',
  effectiveDate: '2024-12-15',
  ...overrides,
});

const reviewed = (reviewId: string, state: FindingReviewed['data']['state'], note: string, effectiveDate: string): FindingReviewed => ({
  type: 'FindingReviewed',
  data: { findingId: FINDING_ID, reviewId, state, note, effectiveDate },
});

const explained = reviewed('review-2024-12', 'explained', 'Overschrijding gedekt door begrotingswijziging in de decembercirculaire', '2024-12-15');

describe('finding decider', () => {
  describe('when the finding has no review yet', () => {
    it('records a review with its state and note', () => given([]).when(review()).then([explained]));
    it.each(['explained', 'accepted', 'to-be-corrected', 'escalated'] as const)('records the state %s', (state) =>
      given([]).when(review({ state })).then([{ ...explained, data: { ...explained.data, state } }]));
    it("takes a flag's finding id, which names an event", () => {
      const findingId = 'paid-above-committed:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
      given([]).when(review({ findingId })).then([{ ...explained, data: { ...explained.data, findingId } }]);
    });

    it('refuses a state that is not a review state', () => given([]).when(review({ state: 'closed' as never })).thenRefused('invalid-value', 'state'));
    it('refuses a blank note', () => given([]).when(review({ note: '  ' })).thenRefused('invalid-value', 'note'));
    it('refuses a note holding a BSN', () => given([]).when(review({ note: 'Betreft inwoner 123456782' })).thenRefused('personal-data', 'note'));
    it('refuses a note longer than free text may be', () => given([]).when(review({ note: 'x'.repeat(501) })).thenRefused('invalid-value', 'note'));
    it('refuses a review id that is not an entity id', () => given([]).when(review({ reviewId: 'Review 1' })).thenRefused('invalid-value', 'reviewId'));
    it('refuses a date that is not a date', () => given([]).when(review({ effectiveDate: '15-12-2024' })).thenRefused('invalid-date', 'effectiveDate'));
    it.each([
      ['empty', ''],
      ['with spaces', 'budget overrun'],
      ['too long', `budget-overrun:${'x'.repeat(300)}`],
    ])('refuses a finding id that is %s', (_what, findingId) => given([]).when(review({ findingId })).thenRefused('invalid-value', 'findingId'));
  });

  describe('when the finding was reviewed', () => {
    it('records the next review, which stands from then on', () =>
      given([explained])
        .when(review({ reviewId: 'review-2025-01', state: 'escalated', note: 'Voorgelegd aan de auditcommissie', effectiveDate: '2025-01-10' }))
        .then([reviewed('review-2025-01', 'escalated', 'Voorgelegd aan de auditcommissie', '2025-01-10')]));
    it('refuses a review id used before', () => given([explained]).when(review({ state: 'accepted' })).thenRefused('already-exists', 'reviewId'));
    it("refuses a review of another finding on this finding's stream", () =>
      given([explained]).when(review({ reviewId: 'review-2025-01', findingId: 'budget-overrun:budget:andere' })).thenRefused('invalid-value', 'findingId'));
  });

  describe('the stream of a finding', () => {
    it('is named from a digest of its id: an entity id, the same each time, another for another finding', () => {
      const streamId = findingStreamId(FINDING_ID);
      expect(streamId).toMatch(/^finding-[0-9a-f]{32}$/);
      expect(findingStreamId(FINDING_ID)).toBe(streamId);
      expect(findingStreamId('budget-overrun:budget:andere')).not.toBe(streamId);
    });
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([]).when({ type: 'AwardGrant' } as never).thenRefused('invalid-value', 'type'));
  });
});
