import { amountOf, cents, dateNl, euro, knowledgeMoment, onDateNl, percent } from './format';

describe('euro', () => {
  it.each([
    ['150000.00', '€ 150.000,00'],
    ['5357.14', '€ 5.357,14'],
    ['0.00', '€ 0,00'],
    ['999.99', '€ 999,99'],
    ['1000.00', '€ 1.000,00'],
    ['-1234.50', '€ -1.234,50'],
    ['123456789012.34', '€ 123.456.789.012,34'],
  ])('formats %s as %s, the euro sign held to its amount', (amount, shown) => {
    expect(euro(amount)).toBe(shown.replace('€ ', '€\u00A0'));
  });

  it('shows what is not a money amount as given, rather than guessing', () => {
    expect(euro('12.5')).toBe('12.5');
    expect(euro('1e5')).toBe('1e5');
  });
});

describe('percent, cents and dates', () => {
  it('formats a share Dutch-style', () => expect(percent('66.67')).toBe('66,67%'));
  it('reads cents exactly, beyond what a float holds', () => {
    expect(cents('90071992547409.93')).toBe(9007199254740993n);
    expect(cents('-0.01')).toBe(-1n);
  });
  it('writes a date in Dutch', () => expect(dateNl('2024-06-15')).toBe('15 juni 2024'));
  it('writes a date known to the month or year as just that', () => {
    expect(dateNl('2024-06-15', 'month')).toBe('juni 2024');
    expect(dateNl('2024-06-15', 'year')).toBe('2024');
    expect(onDateNl('2024-06-15', 'month')).toBe('in juni 2024');
    expect(onDateNl('2024-06-15')).toBe('op 15 juni 2024');
  });
});

describe('knowledgeMoment', () => {
  it.each([
    ['8-7-2024', '2024-07-08'],
    [' 2024-07-08 ', '2024-07-08'],
    ['15', '15'],
    ['007', '7'],
    ['2024-07-08T12:00:00Z', '2024-07-08T12:00:00Z'],
    ['2024-07-08T12:00:00.123+02:00', '2024-07-08T12:00:00.123+02:00'],
  ])('reads %s as %s', (typed, moment) => {
    expect(knowledgeMoment(typed)).toBe(moment);
  });

  it.each(['', 'gisteren', '30-2-2024', '2024-13-01', '8/7/2024', '-3', '1.5', '2024-07-08T25'])('refuses %j rather than guess', (typed) => {
    expect(knowledgeMoment(typed)).toBeNull();
  });
});

describe('amountOf', () => {
  it.each(['0.00', '0.05', '-0.05', '150000.00', '-1234.50', '123456789012.34'])('gives %s back from its cents', (amount) => {
    expect(amountOf(cents(amount))).toBe(amount);
  });
});
