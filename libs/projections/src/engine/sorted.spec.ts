// The short-list sorts order as Array.prototype.sort does, below and above the insertion-sort size.
import fc from 'fast-check';
import { sortBy, sortTexts } from './sorted';

it('sorts texts as texts.sort() does', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 40 }), (texts) => {
      expect(sortTexts([...texts])).toEqual([...texts].sort());
    }),
  );
});

it('sorts by a comparison as list.sort(compare) does, keeping equal items in their order', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat()), { maxLength: 40 }), (list) => {
      const compare = (a: [number, number], b: [number, number]) => a[0] - b[0];
      expect(sortBy([...list], compare)).toEqual([...list].sort(compare));
    }),
  );
});
