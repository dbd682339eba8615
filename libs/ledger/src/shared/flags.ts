// Irregular but real facts are recorded, never refused; the findings projection reads them.
// A flag is stored on an event only when its own stream proves it at decision time. Findings
// that need other streams are derived later, so a late or reversed event elsewhere cannot leave
// a stored flag stale. An expense's commitment can change after a payment (a raise, or a raise
// taken back): its two flags against it say what the decision saw, and the findings about them
// are derived from the expense as it stands (findings/derive.ts, aboveCommitment).

export const FLAGS = {
  /** A budget amendment (begrotingswijziging) takes the current budget below zero. */
  budgetBelowZero: 'budget-below-zero',
  /** Allocation lines add up to more than the current budget. */
  allocatedAboveBudget: 'allocated-above-budget',
  /** A transfer out takes more than the current budget holds. */
  transferredAboveBudget: 'transferred-above-budget',
  /** Net payments on a grant pass the granted amount (before settlement). */
  paidAboveGranted: 'paid-above-granted',
  /** Net payments on a grant pass the settled amount (after settlement). */
  paidAboveSettled: 'paid-above-settled',
  /** A settlement (vaststelling) above the granted amount (verlening). */
  settledAboveGranted: 'settled-above-granted',
  /** Invoices on a purchase add up to more than count × unit price. */
  invoicedAboveTotal: 'invoiced-above-total',
  /** Payments on a purchase add up to more than was invoiced. */
  paidAboveInvoiced: 'paid-above-invoiced',
  /** Payments on a purchase add up to more than count × unit price. */
  paidAboveTotal: 'paid-above-total',
  /** More outcomes of a kind than participants enrolled. */
  outcomesAboveParticipants: 'outcomes-above-participants',
  /** Invoices on an expense add up to more than was committed. */
  invoicedAboveCommitted: 'invoiced-above-committed',
  /** Payments on an expense add up to more than was committed: an expense beyond its commitment. */
  paidAboveCommitted: 'paid-above-committed',
} as const;

export type Flag = (typeof FLAGS)[keyof typeof FLAGS];

/** Findings that span streams: derived by the findings projection, never stored on events. */
export const DERIVED_FINDINGS = {
  'budget-overrun': 'committed or realised spending charged to a budget above its current amount',
  'call-off-above-ceiling': "purchases under a contract add up to more than the contract's ceiling",
  'call-off-outside-term': "a call-off under a contract dated before its term starts or the contract was awarded, or after it ends (its end as amended before it had passed, or the day the contract was ended)",
  'procedure-too-light': "a procedure below the dated threshold for the contract's value over its term with options",
  'split-purchase': 'commitments to one supplier for one kind of service in a year that together pass a threshold none of them passes alone',
  'spending-after-programme-end': "a spending event for a programme dated after the programme's end",
  'payment-without-commitment': 'a payment with no award or order visible on or before its date',
  'line-overrun': 'committed spending charged to an allocation line above what was allocated to it',
  'mirror-missing': 'one side of a decision written to two streams is not (yet) in the journal',
  'taakveld-unknown': "a budget on a taakveld the Iv3 catalogue in force for its fiscal year does not list",
} as const;

/** Adds `flags` to event data only when there are any: absent means none. */
export function flagged<D extends object>(data: D, flags: readonly (Flag | false)[]): D & { flags?: Flag[] } {
  const raised = flags.filter((flag): flag is Flag => flag !== false);
  return raised.length > 0 ? { ...data, flags: raised } : data;
}
