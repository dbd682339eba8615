// Latency benchmarks: time each question, and print p50 and p95 beside the raw limit's.

export function timeEach<T>(items: readonly T[], work: (item: T, index: number) => unknown): number[] {
  return items.map((item, i) => {
    const started = process.hrtime.bigint();
    work(item, i);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
}

export function percentile(times: readonly number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One JSON line: p50 and p95 in ms, the raw p95, and raw ÷ measured (how near the raw limit). */
export function latencyReport(bench: string, times: number[], rawTimes: number[] | undefined, extra: Record<string, unknown>): void {
  const p95Ms = Number(percentile(times, 95).toFixed(3));
  const line: Record<string, unknown> = { bench, p50Ms: Number(percentile(times, 50).toFixed(3)), p95Ms, queries: times.length };
  if (rawTimes) {
    const rawP95Ms = Number(percentile(rawTimes, 95).toFixed(3));
    line.rawP95Ms = rawP95Ms;
    line.ratio = Number((rawP95Ms / p95Ms).toFixed(3));
  }
  process.stdout.write(`${JSON.stringify({ ...line, ...extra })}\n`);
}
