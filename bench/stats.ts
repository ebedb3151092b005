/**
 * Timing and summaries: every figure is a median and a p95 of wall-clock time over runs taken
 * after warm-up, and, where a CPU clock is given, the mean CPU time per run of the process doing
 * the work: on a shared machine wall time includes waiting for a core, CPU time does not.
 */

export interface Summary {
  median: number;
  p95: number;
  runs: number;
  /** Mean CPU milliseconds per measured run, when a CPU clock was given. */
  cpuMean?: number;
}

/** A CPU clock in milliseconds. */
export type CpuClock = () => number;

/** This process's CPU time (user + system). */
export const processCpu: CpuClock = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** p95 by nearest rank: with 20 runs it is the 19th smallest, with 10 the largest. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, p95: NaN, runs: 0 };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
  return { median, p95, runs: sorted.length };
}

export interface RunPlan {
  warmup: number;
  /** At least this many measured runs… */
  minRuns: number;
  /** …and more, up to maxRuns, while the measured time stays under budgetMs. */
  maxRuns: number;
  budgetMs: number;
}

/** Times a synchronous function: warm-up runs first, then measured ones. */
export function timeSync(fn: () => unknown, plan: RunPlan, cpu?: CpuClock): Summary {
  for (let i = 0; i < plan.warmup; i++) fn();
  const samples: number[] = [];
  let spent = 0;
  const cpuStart = cpu?.();
  while (samples.length < plan.minRuns || (samples.length < plan.maxRuns && spent < plan.budgetMs)) {
    const start = performance.now();
    fn();
    const elapsed = performance.now() - start;
    samples.push(elapsed);
    spent += elapsed;
  }
  return withCpu(summarize(samples), cpu, cpuStart);
}

/** The same for an asynchronous operation that resolves when done. */
export async function timeAsync(fn: () => Promise<unknown>, plan: RunPlan, cpu?: CpuClock): Promise<Summary> {
  for (let i = 0; i < plan.warmup; i++) await fn();
  const samples: number[] = [];
  let spent = 0;
  const cpuStart = cpu?.();
  while (samples.length < plan.minRuns || (samples.length < plan.maxRuns && spent < plan.budgetMs)) {
    const start = performance.now();
    await fn();
    const elapsed = performance.now() - start;
    samples.push(elapsed);
    spent += elapsed;
  }
  return withCpu(summarize(samples), cpu, cpuStart);
}

function withCpu(summary: Summary, cpu: CpuClock | undefined, start: number | undefined): Summary {
  if (cpu && start !== undefined) summary.cpuMean = (cpu() - start) / summary.runs;
  return summary;
}

/** A plan scaled to the cost of one run: many runs for a millisecond, a few for a second. */
export function planFor(estimateMs: number, budgetMs = 3000): RunPlan {
  if (estimateMs < 20) return { warmup: 10, minRuns: 30, maxRuns: 300, budgetMs };
  if (estimateMs < 300) return { warmup: 3, minRuns: 15, maxRuns: 60, budgetMs };
  return { warmup: 2, minRuns: 5, maxRuns: 10, budgetMs };
}
