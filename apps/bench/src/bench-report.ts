// Every benchmark prints one JSON line: what it measured beside the raw limit on this machine.
export interface BenchLine {
  readonly bench: string;
  readonly eventsPerS: number;
  readonly rawEventsPerS?: number;
  readonly [extra: string]: unknown;
}

export function report(line: BenchLine): void {
  const ratio = line.rawEventsPerS ? Number((line.eventsPerS / line.rawEventsPerS).toFixed(2)) : undefined;
  const rounded = { ...line, eventsPerS: Math.round(line.eventsPerS) };
  if (line.rawEventsPerS !== undefined) rounded.rawEventsPerS = Math.round(line.rawEventsPerS);
  process.stdout.write(`${JSON.stringify(ratio === undefined ? rounded : { ...rounded, ratio })}\n`);
}

export function perSecond(count: number, startedNs: bigint): number {
  const elapsedNs = Number(process.hrtime.bigint() - startedNs);
  return (count * 1e9) / elapsedNs;
}

/** A payload the size of a real ledger event: a grant payment with its metadata. */
export function paymentEvent(id: string, n: number) {
  return {
    id,
    type: 'GrantAdvancePaid',
    data: {
      grantId: `grant-${n % 1000}`,
      paymentId: `payment-${n}`,
      amountCents: 1_000_000 + (n % 997),
      effectiveDate: '2024-03-01',
      budgetId: `budget-${n % 200}`,
      recipientPartyId: 'werkvoorheerlen',
    },
    metadata: {
      actor: 'bench',
      sourceReference: `BESLUIT-2024-${n}`,
      correlationId: id,
      causationId: id,
      schemaVersion: 1,
    },
  };
}
