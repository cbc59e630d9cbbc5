import { DemoBadge } from '@/components/ui/demo-badge';
import { LocalName } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import type { ChainDto } from '@/lib/dal/ledger/chain';
import type { ChainNode } from '@/lib/domain/ledger/chain';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

function Node({ node, chain, m, locale }: { node: ChainNode; chain: ChainDto; m: Messages; locale: Locale }) {
  const label = chain.labels[node.holderId];
  const f = node.figures;
  return (
    <li>
      {/* data-holder keeps the official name whatever the reader's language: tests and links find a holder by it. */}
      <div className="chain-node" data-testid="chain-node" data-holder={label?.name ?? `#${node.holderId}`}>
        <strong>{label ? <LocalName zh={label.name} en={label.nameEn} locale={locale} /> : `#${node.holderId}`}</strong>
        {node.hopFen !== null && (
          <span className="muted" data-testid="chain-hop">
            {' '}
            ← <Money fen={node.hopFen} locale={locale} />
          </span>
        )}
        {f && (
          <div className="muted chain-figures" data-testid="chain-figures">
            <span>
              {m.ledgerUi.received} <Money fen={f.receivedFen} locale={locale} />
            </span>{' '}
            ·{' '}
            <span>
              {m.ledgerUi.passedOn} <Money fen={f.passedOnFen} locale={locale} />
            </span>{' '}
            ·{' '}
            <span>
              {m.ledgerUi.heldLabel}{' '}
              <span data-testid="chain-held">
                <Money fen={f.heldFen} locale={locale} />
              </span>
            </span>
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
            {p.code} <LocalName zh={p.name} en={p.nameEn} locale={locale} />
            {p.isDemo && <DemoBadge label={m.app.demoBadge} />}
          </h2>
          <ul className="chain-children">
            {p.roots.map((r) => (
              <Node key={r.holderId} node={r} chain={chain} m={m} locale={locale} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
