import { DemoBadge } from '@/components/ui/demo-badge';
import { formatCompact, formatYuan } from '@/lib/domain/money';
import type { ChainDto } from '@/lib/dal/chain';
import type { ChainNode } from '@/lib/domain/chain';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

function Node({ node, chain, m, locale }: { node: ChainNode; chain: ChainDto; m: Messages; locale: Locale }) {
  const label = chain.labels[node.holderId]?.name ?? `#${node.holderId}`;
  const f = node.figures;
  return (
    <li>
      <div className="chain-node" data-testid="chain-node" data-holder={label}>
        <strong>{label}</strong>
        {node.hopFen !== null && <span className="muted"> ← {formatCompact(node.hopFen, locale)}</span>}
        {f && (
          <div className="muted" data-testid="chain-figures">
            {m.ledgerUi.received} {formatYuan(f.receivedFen)} · {m.ledgerUi.passedOn} {formatYuan(f.passedOnFen)} · {m.ledgerUi.heldLabel}{' '}
            <span data-testid="chain-held">{formatYuan(f.heldFen)}</span>
            {node.idle && <span className="idle"> · {m.ledgerUi.idle.replace('{days}', String(chain.idleDays))}</span>}
          </div>
        )}
      </div>
      {node.children.length > 0 && (
        <ul className="chain-children">
          {node.children.map((c) => (
            <Node key={c.holderId} node={c} chain={chain} m={m} locale={locale} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ChainTree({ chain, m, locale }: { chain: ChainDto; m: Messages; locale: Locale }) {
  if (chain.programmes.length === 0) return <p className="muted">{m.workspace.none}</p>;
  return (
    <>
      {chain.programmes.map((p) => (
        <section key={p.programmeId} data-testid="chain-programme">
          <h2>
            {p.code} {p.name}
            {p.isDemo && <DemoBadge label={m.app.demoBadge} />}
          </h2>
          <ul className="chain-children" style={{ marginLeft: 0 }}>
            {p.roots.map((r) => (
              <Node key={r.holderId} node={r} chain={chain} m={m} locale={locale} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
