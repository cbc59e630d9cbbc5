/**
 * Benchmark of the factor-method engine: 10,000 recipients × 10 factors.
 * Run: npx tsx tests/bench/formula.bench.ts   (target: median under 50 ms for the main scenario)
 */
import { computeAllocation, type FactorSpec, type FormulaInput, type RecipientInput } from '../../lib/domain/formula';

const RECIPIENTS = 10_000;
const FACTORS = 10;
const RUNS = 9;
const WARMUP = 3;

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

/** A decimal string in [0, 10000) with 0-2 decimals, e.g. "4821.07", "93.5", "7". */
function decimal(rand: () => number, min = 0): string {
  const places = Math.floor(rand() * 3);
  const scale = 10 ** places;
  const units = Math.floor(min * scale + rand() * (10_000 - min) * scale);
  const s = String(units).padStart(places + 1, '0');
  return places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
}

function build(opts: { recipients?: number; lessIsMore: number; lessValues?: (rand: () => number) => string; floorFen?: bigint; capFen?: bigint; setAsideBp?: number }): FormulaInput {
  const rand = prng(20_240_601);
  const factors: FactorSpec[] = [];
  for (let k = 0; k < FACTORS; k++) {
    factors.push({ code: `f${k}`, weightBp: 1000, direction: k < FACTORS - opts.lessIsMore ? 'more_is_more' : 'less_is_more' });
  }
  const recipients: RecipientInput[] = [];
  for (let i = 0; i < (opts.recipients ?? RECIPIENTS); i++) {
    const values: Record<string, string> = {};
    for (const f of factors) {
      values[f.code] = f.direction === 'less_is_more' ? (opts.lessValues ?? ((r) => decimal(r, 1)))(rand) : decimal(rand);
    }
    recipients.push({ code: `R${String(i).padStart(5, '0')}`, values });
  }
  return {
    totalFen: 123_456_789_012_34n,
    factors,
    recipients,
    floorFen: opts.floorFen ?? null,
    capFen: opts.capFen ?? null,
    setAsideBp: opts.setAsideBp ?? 0,
  };
}

function bench(name: string, input: FormulaInput, runs = RUNS, warmup = WARMUP): void {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let heapMb = 0;
  let summary = '';
  for (let r = 0; r < warmup + runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const out = computeAllocation(input);
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage(c0);
    if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
    if (r >= warmup) {
      times.push(Number(t1 - t0) / 1e6);
      cpuTimes.push((c1.user + c1.system) / 1e3);
    }
    heapMb = Math.max(heapMb, process.memoryUsage().heapUsed / 2 ** 20);
    if (r === 0) {
      const sum = out.result.recipients.reduce((s, x) => s + x.amountFen, 0n);
      if (sum !== out.result.distributableFen) throw new Error(`${name}: amounts do not sum to the distributable total`);
      const floored = out.result.recipients.filter((x) => x.floorApplied).length;
      const capped = out.result.recipients.filter((x) => x.capApplied).length;
      const shareDigits = Math.max(...out.result.recipients.map((x) => x.share.length));
      summary = `floored ${floored}, capped ${capped}, longest share text ${shareDigits} chars`;
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const min = times[0] as number;
  // CPU time (process.cpuUsage, includes GC helper threads) is less disturbed by other load on a
  // shared machine than wall time.
  const cpuMedian = cpuTimes[Math.floor(cpuTimes.length / 2)] as number;
  console.log(
    `${name.padEnd(56)} median ${median.toFixed(1).padStart(7)} ms   min ${min.toFixed(1).padStart(7)} ms   ` +
      `(cpu median ${cpuMedian.toFixed(1)} ms)   heap used ≤ ${heapMb.toFixed(0)} MB   (${summary})`,
  );
}

console.log(`computeAllocation, ${RECIPIENTS} recipients × ${FACTORS} factors, ${RUNS} runs after ${WARMUP} warm-up (node ${process.version})`);
bench('main: 10 more_is_more', build({ lessIsMore: 0 }));
bench('with 2% set-aside, floor and cap', build({ lessIsMore: 0, setAsideBp: 200, floorFen: 1_000_000_000n, capFen: 1_600_000_000n }));
bench('8 more_is_more + 2 less_is_more (grades 60-100)', build({ lessIsMore: 2, lessValues: (r) => String(60 + Math.floor(r() * 41)) }));
// less_is_more over many distinct values: the exact shares carry lcm(values), which grows with
// every distinct value (exact output, not an implementation limit), so this runs on fewer recipients.
for (const m of [100, 300]) bench(`${m} recipients, 8 more + 2 less_is_more (any decimal)`, build({ recipients: m, lessIsMore: 2 }), 3);
bench('1000 recipients, 8 more + 2 less_is_more (any decimal)', build({ recipients: 1000, lessIsMore: 2 }), 1, 0);
