// Every benchmark prints one JSON line: what it measured beside the raw limit on this machine.
import { availableParallelism } from 'node:os';

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

/**
 * What the whole process spent on the CPU per unit of work, and how many of the machine's cores it
 * kept busy: every thread counts (the API's, the projector's, the garbage collector's and, where it
 * runs in the process, the load generator's). With the cores full, cores / cpuUsPer bounds the rate.
 */
export class CpuMeter {
  private readonly cpu = process.cpuUsage();
  private readonly startedNs = process.hrtime.bigint();

  /** To be spread over `count` units, from the meter's start until now. */
  per(count: number, unit: string): Record<string, number> {
    const used = process.cpuUsage(this.cpu);
    const cpuUs = used.user + used.system;
    const wallUs = Number(process.hrtime.bigint() - this.startedNs) / 1_000;
    return {
      [`cpuUsPer${unit}`]: Math.round(cpuUs / Math.max(count, 1)),
      coresBusy: Number((cpuUs / wallUs).toFixed(2)),
      cores: availableParallelism(),
    };
  }
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
