import type { IntegrityProblem } from '@/lib/audit/report';
import type { AuditChainStatus as Status } from '@/lib/dal/audit/verify';
import type { Messages } from '@/lib/i18n/zh';

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

function problemLine(p: IntegrityProblem, m: Messages): string {
  const t = m.auditLog.problem;
  switch (p.kind) {
    case 'changed':
    case 'broken_link':
      return fill(t[p.kind], { seq: p.seq, id: p.id });
    case 'reordered':
      return fill(t.reordered, { seq: p.seq, id: p.id, other: p.linksToSeq });
    case 'gap':
      return fill(t.gap, { from: p.fromSeq, to: p.toSeq, id: p.beforeId });
    case 'missing_before_checkpoint':
      return fill(t.missing_before_checkpoint, { seq: p.seq, missing: p.missing });
    case 'head_mismatch':
      return fill(t.head_mismatch, { seq: p.headSeq, other: p.lastSeq });
    case 'checkpoint_beyond_head':
      return fill(t.checkpoint_beyond_head, { day: p.checkpoint.day ?? '', seq: p.checkpoint.seq, other: p.lastSeq });
    case 'checkpoint_mismatch':
      return fill(t.checkpoint_mismatch, { day: p.checkpoint.day ?? '', seq: p.checkpoint.seq });
  }
}

/** The audit chain's state on the auditors' page: intact, or every problem found, one per line. */
export function AuditChainStatus({ chain, m }: { chain: Status; m: Messages }) {
  const a = m.auditLog;
  return (
    <section data-testid="audit-chain">
      <h2>{a.title}</h2>
      {chain.ok ? (
        <p className="ok">{fill(a.ok, { count: chain.last.seq, head: chain.last.hash.slice(0, 16) })}</p>
      ) : (
        <>
          <p className="error" role="alert">
            {a.broken}
          </p>
          <ul className="error" data-testid="audit-chain-problems">
            {chain.problems.map((p, i) => (
              <li key={i}>{problemLine(p, m)}</li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">{chain.since ? fill(a.since, { day: chain.since.day, seq: chain.since.seq, walked: chain.walked }) : fill(a.fromGenesis, { walked: chain.walked })}</p>
    </section>
  );
}
