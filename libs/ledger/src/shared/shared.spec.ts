import { isIsoDate } from './dates';
import { ENTITY_ID_PATTERN, parseStreamId, streamId } from './ids';
import { containsBsn, findPersonalData, passesElfproef } from './personal-data';

describe('ids', () => {
  it.each(['heerlen-pilot-fit-2024', 'ab', 'reha', '0-9'])('accepts %s', (id) => {
    expect(ENTITY_ID_PATTERN.test(id)).toBe(true);
  });

  it.each(['a', '-ab', 'Heerlen', 'heerlen_pilot', 'a'.repeat(65), 'héérlen', 'ab '])('refuses %j', (id) => {
    expect(ENTITY_ID_PATTERN.test(id)).toBe(false);
  });

  it('names streams <category>-<id> and reads them back', () => {
    expect(streamId('grant', 'abc')).toBe('grant-abc');
    expect(parseStreamId('grant-heerlen-pilot')).toEqual({ category: 'grant', id: 'heerlen-pilot' });
    expect(parseStreamId('ledger-abc')).toBeUndefined();
    expect(parseStreamId('grant')).toBeUndefined();
  });
});

describe('dates', () => {
  it.each(['2024-06-15', '2024-02-29', '2000-02-29', '2023-12-31'])('accepts %s', (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-04-31', '2024-6-15', '15-06-2024', '2024-06-15T00:00:00Z', '0224-06-15', '2024-00-10', ''])(
    'refuses %j',
    (date) => {
      expect(isIsoDate(date)).toBe(false);
    },
  );
});

describe('personal data', () => {
  // 123456782 and 111222333 pass the elfproef; 123456789 does not.
  it('applies the elfproef', () => {
    expect(passesElfproef('123456782')).toBe(true);
    expect(passesElfproef('111222333')).toBe(true);
    expect(passesElfproef('123456789')).toBe(false);
    expect(passesElfproef('000000000')).toBe(false);
  });

  it.each(['BSN 123456782', 'nr. 1234.56.782', '1234 56 782', '123 456 782', '123-456-782', 'klant 111222333.'])('finds a BSN in %j', (text) => {
    expect(containsBsn(text)).toBe(true);
  });

  it.each([
    'nummer 123456789', // fails the elfproef
    'IBAN NL91ABNA0417164300', // ten digits
    '1234567820', // ten digits
    'bedrag 123456782.00', // an amount
    '€ 123.456.782', // Dutch thousands
    '12345678', // eight digits
    'Pilot re-integratie WerkvoorHeerlen 2024',
  ])('finds no BSN in %j', (text) => {
    expect(containsBsn(text)).toBe(false);
  });

  it('names the path of the first value holding one', () => {
    expect(findPersonalData({ name: 'Gemeente Heerlen', normBand: { min: '2000.00', note: 'bsn 123456782' } })).toBe('normBand.note');
    expect(findPersonalData({ lines: ['ok', 'ok', 'bsn 123456782'] })).toBe('lines.2');
    expect(findPersonalData({ a: '123456782', b: '111222333' })).toBe('a');
    expect(findPersonalData('123456782')).toBe('');
    expect(findPersonalData({ count: 123456782 })).toBe('count');
    expect(findPersonalData({ '123456782': 'x' })).toBe('123456782');
    expect(findPersonalData({ name: 'Gemeente Heerlen', amount: '100000.00', count: 28 })).toBeUndefined();
    expect(findPersonalData(null)).toBeUndefined();
  });

  it('does not mistake an issued UUID or hash for a BSN, but still finds one in text beside it', () => {
    expect(passesElfproef('123456782')).toBe(true);
    const eventId = '01a207fa-9b69-71ed-ba8c-a123456782bc';
    const hash = `${'ab'.repeat(10)}123456782${'c'.repeat(35)}`;
    expect(findPersonalData({ eventId, digests: [{ rootHash: hash }] })).toBeUndefined();
    expect(findPersonalData({ reason: `dossier a123456782b` })).toBe('reason');
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'bsn 123456782';
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    expect(findPersonalData(deep)).toMatch(/^a(\.a)+$/);
  });
});
