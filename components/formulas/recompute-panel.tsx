'use client';

import { useState } from 'react';
import type { FormulaInput } from '@/lib/domain/formula';
import type { PublicAllocation } from '@/lib/dal/public/allocations';
import type { Messages } from '@/lib/i18n/zh';

type Outcome = { lines: { code: string; recomputed: string; match: boolean }[]; hashMatch: boolean; error: string | null };

/** The published inputs as the formula module reads them: the same module the server used. */
function inputOf(c: PublicAllocation): FormulaInput {
  return {
    totalFen: BigInt(c.batch.totalFen ?? 0),
    floorFen: c.formula.floorFen === null ? null : BigInt(c.formula.floorFen),
    capFen: c.formula.capFen === null ? null : BigInt(c.formula.capFen),
    setAsideBp: c.formula.setAsideBp,
    factors: c.formula.factors.map((f) => ({ code: f.code, name: f.name, weightBp: f.weightBp, direction: f.direction })),
    recipients: c.recipients.map((r) => ({ code: r.code, values: r.values })),
  };
}

/** Runs the allocation in the reader's browser from the published inputs and checks every published line. */
export function RecomputePanel({ content, f }: { content: PublicAllocation; f: Messages['formula'] }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  function run() {
    setBusy(true);
    // The formula module (the allocation, exact rationals, SHA-256) is loaded only when the reader
    // asks for a recomputation, so the page itself ships none of it. Yield before the computation
    // so the button shows its busy state.
    import('@/lib/domain/formula').then(
      ({ computeAllocation, inputsHash }) =>
        setTimeout(() => {
          const input = inputOf(content);
          const result = computeAllocation(input);
          if (!result.ok) {
            setOutcome({ lines: [], hashMatch: false, error: f.error[result.error.code] });
          } else {
            const lines = result.result.recipients.map((r) => {
              const published = content.recipients.find((p) => p.code === r.code);
              return { code: r.code, recomputed: r.amountFen.toString(), match: published?.computedFen === r.amountFen.toString() };
            });
            setOutcome({ lines, hashMatch: inputsHash(input) === content.batch.inputsHash, error: null });
          }
          setBusy(false);
        }, 0),
      () => {
        setOutcome({ lines: [], hashMatch: false, error: f.loadFailed });
        setBusy(false);
      },
    );
  }

  if (content.withheld?.length) return <p className="notice" data-testid="recompute-withheld">{f.withheldNoRecompute}</p>;
  const mismatches = outcome ? outcome.lines.filter((l) => !l.match).length + (outcome.hashMatch ? 0 : 1) : 0;
  return (
    <section className="stack">
      <button type="button" className="primary" onClick={run} disabled={busy} data-testid="recompute">
        {busy ? f.recomputing : f.recompute}
      </button>
      {outcome && (
        <div role="status" data-testid="recompute-result">
          {outcome.error ? (
            <p className="error">{outcome.error}</p>
          ) : mismatches === 0 ? (
            <p className="ok">{f.allMatch.replace('{count}', String(outcome.lines.length))}</p>
          ) : (
            <p className="error">{f.someMismatch.replace('{count}', String(mismatches))}</p>
          )}
          <p className="muted">{f.checkLine.replace('{label}', f.inputsHash).replace('{result}', outcome.hashMatch ? f.match : f.mismatch)}</p>
          <ul className="recompute-lines">
            {outcome.lines.map((l) => (
              <li key={l.code} data-recipient={l.code} data-match={l.match}>
                {f.checkLine.replace('{label}', l.code).replace('{result}', l.match ? `✓ ${f.match}` : `✗ ${f.mismatch}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
