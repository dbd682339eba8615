// A programme's cost as a table, one row per figure (long form), so every kind of cost, direct
// payers and ultimate funders fit beside the totals.
import { SPENDING_KINDS } from '../../model/movement';
import { programmeCost, type ProgrammeCost } from '../../queries/programme-cost';
import { SPENDING_KINDS_NL } from '../../vocabulary/nl';
import type { TableSource } from '../export-tables';
import { column, type Cell, type TableBody } from '../table';
import { answers, rowsOf } from './rows';

const COLUMNS = [
  column('programma-id'),
  column('programma'),
  column('cijfer'),
  column('partij-id'),
  column('partij'),
  column('begroting-id'),
  column('bedrag (EUR)', 'money'),
  column('aantal', 'integer'),
  column('aandeel (%)', 'percent'),
  column('toelichting'),
];

export function programmeTable({ reader, cut }: TableSource, id: string | undefined): TableBody {
  return { columns: COLUMNS, rows: rowsOf(answers(reader, cut, 'programme', id, (each) => programmeCost(reader, each, cut)), programmeRows) };
}

interface Values {
  readonly party?: readonly [string, string | null];
  readonly budgetId?: string;
  readonly amount?: string | null;
  readonly count?: number;
  readonly share?: string;
  readonly note?: string | null;
}

const OUTCOMES_NL: Readonly<Record<string, string>> = { work: 'werk', education: 'opleiding', other: 'overig' };

function programmeRows(cost: ProgrammeCost): Cell[][] {
  const row = (figure: string, values: Values): Cell[] => [
    cost.programmeId,
    cost.name,
    figure,
    values.party?.[0] ?? null,
    values.party?.[1] ?? null,
    values.budgetId ?? null,
    values.amount ?? null,
    values.count ?? null,
    values.share ?? null,
    values.note ?? null,
  ];
  return [
    row('status', { note: statusNl(cost) }),
    row('verplicht', { amount: cost.committed, note: 'alles wat is toegekend of besteld, betaald of niet' }),
    row('gerealiseerd', { amount: cost.realised, note: 'betaald' }),
    row('obligo', { amount: cost.obligo, note: 'verplicht en nog niet betaald' }),
    row('vastgesteld', { amount: cost.settled }),
    // Every kind, also one without any: filtered on one of these figures, the kinds add up to its total above.
    ...SPENDING_KINDS.flatMap((kind) => {
      const [part, note] = [cost.byKind[kind], SPENDING_KINDS_NL[kind]];
      return [
        row('per soort: verplicht', { amount: part.committed, count: part.count, note }),
        row('per soort: obligo', { amount: part.obligo, note }),
        row('per soort: gerealiseerd', { amount: part.realised, note }),
      ];
    }),
    row('trajecten', { count: cost.byKind.purchase.trajectories }),
    row('deelnemers', { count: cost.participants }),
    ...Object.entries(cost.outcomes).map(([kind, count]) => row('uitstroom', { count, note: OUTCOMES_NL[kind] ?? kind })),
    row('positieve uitstroom', { count: cost.positiveOutcomes }),
    row('kosten per deelnemer', { amount: cost.costPerParticipant }),
    row('kosten per positieve uitstroom', { amount: cost.costPerPositiveOutcome }),
    row('normband minimum', { amount: cost.normBand?.min ?? null }),
    row('normband maximum', { amount: cost.normBand?.max ?? null, note: cost.normBand?.source ?? null }),
    row('ten opzichte van de normband', { note: cost.againstNorm === null ? null : { above: 'boven', below: 'onder', within: 'binnen' }[cost.againstNorm] }),
    ...cost.whoPaid.directPayers.flatMap((payer) => [
      row('directe betaler: verplicht', { party: [payer.partyId, payer.name], budgetId: payer.budgetId, amount: payer.committed }),
      row('directe betaler: gerealiseerd', { party: [payer.partyId, payer.name], budgetId: payer.budgetId, amount: payer.realised }),
    ]),
    ...cost.whoPaid.ultimateFunders.map((funder) => row('uiteindelijke financier', { party: [funder.partyId, funder.name], amount: funder.amount, share: funder.share })),
    row('niet gedekt', { amount: cost.whoPaid.uncovered, note: 'betaald boven wat de begrotingen binnenkregen, gedragen door hun eigenaar' }),
  ];
}

function statusNl(cost: ProgrammeCost): string {
  if (cost.status !== 'ended') return 'loopt';
  const continued = cost.continued === false ? ', wordt niet voortgezet' : cost.continued ? ', wordt voortgezet' : '';
  return `beëindigd ${cost.endedOn}${continued}${cost.endReason ? `: ${cost.endReason}` : ''}`;
}
