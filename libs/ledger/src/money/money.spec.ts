import { asCents, euros, formatEuroNl, formatMoney, MONEY_CENTS_MAX, multiplyCents, parseMoney } from './money';

describe('money', () => {
  describe('parseMoney', () => {
    it.each([
      ['100000.00', 10_000_000],
      ['100000', 10_000_000],
      ['0.00', 0],
      ['0.01', 1],
      ['5357.14', 535_714],
      ['10000000000.00', 1_000_000_000_000],
    ])('reads %s as %i cents', (wire, cents) => {
      expect(parseMoney(wire)).toEqual({ ok: true, cents });
    });

    it('reads a negative amount only when allowed', () => {
      expect(parseMoney('-5.10', { allowNegative: true })).toEqual({ ok: true, cents: -510 });
      expect(parseMoney('-5.10')).toMatchObject({ ok: false });
    });

    it.each([
      '1e5', '1.5', '1.234', ' 1.00', '1.00 ', '+1.00', '1,00', '01.00', '-0.00', '-0', '.50', '1.', '',
      '10000000000.01', '99999999999999.00', 'NaN', 'Infinity', '１.００',
    ])('refuses %j', (wire) => {
      expect(parseMoney(wire, { allowNegative: true })).toMatchObject({ ok: false });
    });

    it.each([100000, 1.5, null, undefined, 10n, {}])('refuses the non-string %p', (value) => {
      expect(parseMoney(value)).toMatchObject({ ok: false });
    });
  });

  describe('formatting', () => {
    it.each([
      [10_000_000, '100000.00', '€ 100.000,00'],
      [15_000_000, '150000.00', '€ 150.000,00'],
      [535_714, '5357.14', '€ 5.357,14'],
      [-510, '-5.10', '€ -5,10'],
      [7, '0.07', '€ 0,07'],
      [0, '0.00', '€ 0,00'],
      [MONEY_CENTS_MAX, '10000000000.00', '€ 10.000.000.000,00'],
    ])('writes %i cents as %s and %s', (cents, wire, dutch) => {
      expect(formatMoney(cents)).toBe(wire);
      expect(formatEuroNl(cents)).toBe(dutch);
    });

    it('round-trips with the parser', () => {
      for (const cents of [1, 99, 100, 101, 123_456_789, 999_999_999_999]) {
        expect(parseMoney(formatMoney(cents))).toEqual({ ok: true, cents });
      }
    });

    it('does not round a large amount up to the next euro', () => {
      expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    });

    it('throws on a number that is not integer cents: a programming error, not a business one', () => {
      expect(() => formatMoney(1.5)).toThrow(RangeError);
      expect(() => asCents(0.1 + 0.2)).toThrow(RangeError);
      expect(() => asCents(MONEY_CENTS_MAX + 1)).toThrow(RangeError);
    });
  });

  describe('multiplyCents', () => {
    it('multiplies count by unit price', () => {
      expect(multiplyCents(10, euros(3_000))).toEqual({ ok: true, cents: euros(30_000) });
      expect(multiplyCents(0, euros(3_000))).toEqual({ ok: true, cents: 0 });
    });

    it('refuses a total beyond the bound, even one beyond 2^53', () => {
      expect(multiplyCents(2, MONEY_CENTS_MAX)).toMatchObject({ ok: false });
      expect(multiplyCents(100_000, MONEY_CENTS_MAX)).toMatchObject({ ok: false });
    });

    it('refuses a fractional count or unit price', () => {
      expect(multiplyCents(1.5, 100)).toMatchObject({ ok: false });
      expect(multiplyCents(2, 100.5)).toMatchObject({ ok: false });
      expect(multiplyCents(-1, 100)).toMatchObject({ ok: false });
    });
  });
});
