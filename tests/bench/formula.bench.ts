/**
 * Benchmark of the factor-method engine (lib/domain/formula/).
 *
 * Run: npx tsx tests/bench/formula.bench.ts
 * Target: 10,000 recipients × 10 factors, median under 50 ms (computeAllocation alone; the exact
 * share and quota texts are made on demand, and what making all of them costs is shown apart).
 *
 * Wall time on a shared machine is noisy: the median and p95 of many runs after a warm-up are
 * printed, with the CPU-time median beside them.
 */
import { computeAllocation, type FactorSpec, type FormulaInput, type FormulaResult, type RecipientInput } from '../../lib/domain/formula';

const TARGET_MS = 50;

/** mulberry32: a tiny deterministic PRNG, so every run benchmarks the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A decimal string in [min, 10000) with 0-2 decimals, e.g. "4821.07", "93.5", "7". */
function decimal(rand: () => number, min = 0): string {
  const places = Math.floor(rand() * 3);
  const scale = 10 ** places;
  const units = Math.floor(min * scale + rand() * (10_000 - min) * scale);
  const s = String(units).padStart(places + 1, '0');
  return places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
}

type Shape = {
  recipients: number;
  factors: number;
  lessIsMore?: number;
  lessValues?: (rand: () => number) => string;
  floorFen?: bigint;
  capFen?: bigint;
  setAsideBp?: number;
};

function build(shape: Shape): FormulaInput {
  const rand = prng(20_240_601);
  const K = shape.factors;
  const less = shape.lessIsMore ?? 0;
  const factors: FactorSpec[] = [];
  for (let k = 0; k < K; k++) {
    // Weights summing to exactly 10000 bp.
    const weightBp = Math.floor(10_000 / K) + (k < 10_000 % K ? 1 : 0);
    factors.push({ code: `f${k}`, weightBp, direction: k < K - less ? 'more_is_more' : 'less_is_more' });
  }
  const recipients: RecipientInput[] = [];
  for (let i = 0; i < shape.recipients; i++) {
    const values: Record<string, string> = {};
    for (const f of factors) {
      values[f.code] = f.direction === 'less_is_more' ? (shape.lessValues ?? ((r) => decimal(r, 1)))(rand) : decimal(rand);
    }
    recipients.push({ code: `R${String(i).padStart(5, '0')}`, values });
  }
  return {
    totalFen: 123_456_789_012_34n,
    factors,
    recipients,
    floorFen: shape.floorFen ?? null,
    capFen: shape.capFen ?? null,
    setAsideBp: shape.setAsideBp ?? 0,
  };
}

function allocate(name: string, input: FormulaInput): FormulaResult {
  const out = computeAllocation(input);
  if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
  return out.result;
}

/** Every recipient's exact share and quota text, as a caller storing the whole result needs them. */
function formatAll(result: FormulaResult): number {
  let chars = 0;
  for (const x of result.recipients) chars += x.share().length + x.quota().length;
  return chars;
}

type Figures = { median: number; p95: number; min: number; cpuMedian: number };

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;

function measure(run: () => void, runs: number, warmup: number): Figures {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < warmup + runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    if (r >= warmup) {
      times.push(t1 - t0);
      cpu.push((c1.user + c1.system) / 1e3);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), min: times[0] as number, cpuMedian: quantile(cpu, 0.5) };
}

const ms = (x: number): string => `${x.toFixed(1).padStart(7)} ms`;

function report(name: string, f: Figures, runs: number, note = ''): void {
  console.log(
    `${name.padEnd(58)} median ${ms(f.median)}   p95 ${ms(f.p95)}   min ${ms(f.min)}   cpu median ${ms(f.cpuMedian)}   (${runs} runs)${note ? `   ${note}` : ''}`,
  );
}

/** Checks the result once, then times computeAllocation alone. */
function bench(name: string, shape: Shape, runs: number, warmup: number): Figures {
  const input = build(shape);
  const result = allocate(name, input);
  const sum = result.recipients.reduce((s, x) => s + x.amountFen, 0n);
  if (sum !== result.distributableFen) throw new Error(`${name}: amounts do not sum to the distributable total`);
  const floored = result.recipients.filter((x) => x.floorApplied).length;
  const capped = result.recipients.filter((x) => x.capApplied).length;
  const f = measure(() => allocate(name, input), runs, warmup);
  report(name, f, runs, floored + capped > 0 ? `floored ${floored}, capped ${capped}` : '');
  return f;
}

/** computeAllocation followed by every recipient's share() and quota(). */
function benchFormatted(name: string, shape: Shape, runs: number, warmup: number): void {
  const input = build(shape);
  const longest = Math.max(...allocate(name, input).recipients.map((x) => x.share().length));
  const f = measure(() => formatAll(allocate(name, input)), runs, warmup);
  report(name, f, runs, `longest share text ${longest} chars`);
}

console.log(`computeAllocation (node ${process.version}); target: ${'10,000 × 10'} median under ${TARGET_MS} ms\n`);

const main = bench('10,000 recipients × 10 factors', { recipients: 10_000, factors: 10 }, 30, 5);
bench('1,000 recipients × 10 factors', { recipients: 1_000, factors: 10 }, 200, 20);
bench('100 recipients × 5 factors', { recipients: 100, factors: 5 }, 1_000, 100);
bench(
  '10,000 × 10, 2% set-aside, floor and cap',
  { recipients: 10_000, factors: 10, setAsideBp: 200, floorFen: 1_000_000_000n, capFen: 1_600_000_000n },
  30,
  5,
);
bench('10,000 × 10, 2 of them less_is_more (grades 60-100)', { recipients: 10_000, factors: 10, lessIsMore: 2, lessValues: (r) => String(60 + Math.floor(r() * 41)) }, 30, 5);

console.log('\nwith every share() and quota() text made as well (on demand, not part of the target):');
benchFormatted('10,000 × 10 + all texts', { recipients: 10_000, factors: 10 }, 10, 2);
benchFormatted(
  '10,000 × 10, set-aside, floor and cap + all texts',
  { recipients: 10_000, factors: 10, setAsideBp: 200, floorFen: 1_000_000_000n, capFen: 1_600_000_000n },
  10,
  2,
);
// less_is_more over many distinct values: the exact shares carry lcm(values), which grows with
// every distinct value (exact output, not an implementation limit), so this runs on fewer recipients.
for (const m of [100, 300]) benchFormatted(`${m} × 10, 2 less_is_more (any decimal) + all texts`, { recipients: m, factors: 10, lessIsMore: 2 }, 3, 1);

const verdict = main.median < TARGET_MS ? 'met' : 'NOT met';
console.log(`\ntarget ${verdict}: 10,000 × 10 median ${main.median.toFixed(1)} ms (p95 ${main.p95.toFixed(1)} ms), target under ${TARGET_MS} ms`);
