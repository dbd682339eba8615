// AS_OF is the one check of every asOf and `then`: it takes the days isIsoDate takes and the
// times a clock shows, and nothing it takes is a time JavaScript's Date cannot place.
import fc from 'fast-check';
import { isIsoDate } from '@geldstroom/ledger';
import { AS_OF } from './query.dto';

const two = (n: number) => String(n).padStart(2, '0');

it('takes exactly the calendar dates isIsoDate takes, leap days and year bounds included', () => {
  for (const year of [1899, 1900, 1904, 1999, 2000, 2023, 2024, 2100, 2104, 2199, 2200]) {
    for (let month = 0; month <= 13; month += 1) {
      for (let day = 0; day <= 32; day += 1) {
        const date = `${year}-${two(month)}-${two(day)}`;
        expect({ date, taken: AS_OF.test(date) }).toEqual({ date, taken: isIsoDate(date) });
      }
    }
  }
});

it('takes an hour, minute and second only within a day: no 24:00, 25:00, :61 or leap second', () => {
  for (let hour = 0; hour <= 25; hour += 1) {
    for (const minute of [0, 59, 60, 61]) {
      for (const second of [0, 59, 60]) {
        const instant = `2024-06-15T${two(hour)}:${two(minute)}:${two(second)}Z`;
        expect({ instant, taken: AS_OF.test(instant) }).toEqual({ instant, taken: hour < 24 && minute < 60 && second < 60 });
      }
    }
  }
});

it.each([
  ['an offset over 23:59', '2024-01-01T10:00:00+99:00'],
  ['an offset of 24 hours', '2024-01-01T10:00+24:00'],
  ['offset minutes past 59', '2024-01-01T10:00+01:60'],
  ['a time on a day that does not exist', '2023-02-29T10:00:00Z'],
  ['a month 13', '2024-13-45'],
  ['a time without an offset', '2024-01-01T10:00:00'],
  ['more than milliseconds', '2024-01-01T10:00:00.1234Z'],
  ['a position of 16 digits', '1234567890123456'],
])('refuses %s (%s)', (_what, value) => {
  expect(AS_OF.test(value)).toBe(false);
});

it.each(['0', '123456789012345', '2024-02-29', '2000-02-29T00:00Z', '2024-01-01T23:59:59.999+23:59', '2199-12-31T23:59:59-00:00'])('takes %s', (value) => {
  expect(AS_OF.test(value)).toBe(true);
});

it('gives the reader only instants Date places on the day they name (a property test)', () => {
  const instant = fc
    .record({
      date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      offset: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`)),
    })
    .map(({ date, hour, minute, second, offset }) => ({ date, text: `${date}T${two(hour)}:${two(minute)}:${two(second)}${offset}` }));
  fc.assert(
    fc.property(instant, ({ date, text }) => {
      expect(AS_OF.test(text)).toBe(true);
      const parsed = new Date(text);
      expect(Number.isNaN(parsed.getTime())).toBe(false);
      // The clock time as written, before its offset is applied, is on the day the text names.
      expect(new Date(text.slice(0, 19) + 'Z').toISOString().slice(0, 10)).toBe(date);
    }),
  );
});
