// The example answer of a booking import for the OpenAPI document: three lines of a Key2Financiën
// export charged to Heerlen's maatwerk budget, one of them refused, imported as a recorder.
import type { Harness } from './api-harness';
import { key2Export } from './booking-exports';

const MAPPING = `
system: key2
columns: { fiscalYear: Boekjaar, journal: Dagboek, document: Boekstuknummer, line: Regelnummer, date: Boekdatum, account: Grootboekrekening,
  costCentre: Kostenplaats, creditor: Crediteurnummer, description: Omschrijving, debit: Bedrag debet, credit: Bedrag credit }
budgets: [{ budget: heerlen-maatwerk-reintegratie-2024 }]
creditors: { "200134": reha }
lines: [{ as: expense, kind: operating }]
`;

export async function importExample(api: Harness): Promise<unknown> {
  const line = (document: string, date: string, creditor: string, description: string, amountCents: number) =>
    ({ journal: 'INK', document, line: 1, date, account: '4380000', costCentre: '6.4.02', creditor, description, amountCents });
  const file = key2Export([
    line('F24-0140', '2024-04-10', '200134', 'Workshop sollicitatietraining', 125_050),
    line('F24-0141', '2024-04-12', '200134', 'Coaching op de werkvloer', 48_000),
    line('F24-0150', '2024-04-15', '999999', 'Onbekende leverancier', 10_000),
  ]);
  const response = await api
    .http()
    .post('/v1/imports/bookings')
    .set('Authorization', `Bearer ${api.token}`)
    .attach('file', file, 'mutaties-april-2024.csv')
    .attach('mapping', Buffer.from(MAPPING), 'key2.yaml')
    .expect(201);
  return response.body;
}
