import { datePrecisionOf, withDatePrecision } from './dates';

describe('the precision of a business date', () => {
  const events = [
    { type: 'ProgrammeEnded', data: { programmeId: 'pilot', effectiveDate: '2024-06-15' } },
    { type: 'Other', data: { effectiveDate: '2024-01-01' } },
  ];

  it('adds a month or year precision to the events dated with the command’s date, and nothing else', () => {
    const stamped = withDatePrecision(events, '2024-06-15', 'month');
    expect(stamped[0].data).toEqual({ programmeId: 'pilot', effectiveDate: '2024-06-15', effectiveDatePrecision: 'month' });
    expect(stamped[1].data).toEqual({ effectiveDate: '2024-01-01' });
    expect(datePrecisionOf(stamped[0].data)).toBe('month');
  });

  it('leaves events as they are for a day, the default, or no precision at all', () => {
    expect(withDatePrecision(events, '2024-06-15', 'day')).toEqual(events);
    expect(withDatePrecision(events, '2024-06-15', undefined)).toEqual(events);
    expect(datePrecisionOf(events[0].data)).toBe('day');
    expect(datePrecisionOf({ effectiveDatePrecision: 'fortnight' })).toBe('day');
  });
});
