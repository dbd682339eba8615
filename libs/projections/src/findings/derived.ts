// A derived finding made the one way: its id from its kind and subject, the events it names (the
// ones that set a limit and those that went past it), dated by the latest offending event.
import { DERIVED_FINDINGS } from '@geldstroom/ledger';
import { money } from '../model/money';
import type { FindingInputs } from './derive';
import { entityOf, type DerivedFindingKind, type Finding } from './finding';
import type { ProcurementThreshold } from './procurement-thresholds';

export function derived(
  inputs: FindingInputs,
  kind: DerivedFindingKind,
  id: string,
  streamId: string,
  offending: readonly { position: number; date: string }[],
  basis: readonly number[],
  detail: Finding['detail'],
): Finding {
  const events = inputs.references([...new Set([...basis, ...offending.map((o) => o.position)])].sort((a, b) => a - b));
  const dated = offending.length > 0 ? offending.map((o) => o.date) : events.map((e) => e.effectiveDate);
  return {
    id: `${kind}:${id}`,
    kind,
    origin: 'derived',
    description: DERIVED_FINDINGS[kind],
    entity: entityOf(streamId),
    date: dated.reduce((latest, date) => (date > latest ? date : latest), dated[0] ?? ''),
    detail,
    events,
  };
}

export function thresholdDetail(threshold: ProcurementThreshold): Finding['detail'] {
  return {
    threshold: money(threshold.thresholdCents),
    thresholdId: threshold.id,
    thresholdScope: threshold.scope,
    thresholdComparison: threshold.comparison,
    thresholdSource: threshold.source,
  };
}
