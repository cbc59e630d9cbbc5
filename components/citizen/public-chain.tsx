import Link from 'next/link';
import { Official } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import type { ChainNodeDto, ProgrammeChainDto } from '@/lib/dal/public/chain';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { PartyName } from './party-name';

/** Levels of the tree open at first; deeper branches open on demand (a <details>, so without JavaScript too). */
const OPEN_DEPTH = 2;

function Node({ node, depth, focus, m, locale, countyCodes }: { node: ChainNodeDto; depth: number; focus: string | null; m: Messages; locale: Locale; countyCodes: ReadonlySet<string> }) {
  const c = m.citizen.chain;
  const line = (
    <div className="chain-node" data-testid="public-chain-node" data-party={node.party.code} aria-current={node.party.code === focus ? 'true' : undefined}>
      <strong>
        <PartyName party={node.party} locale={locale} countyCodes={countyCodes} />
      </strong>
      {node.edge && (
        <span className="muted" data-testid="public-chain-hop">
          {' '}
          ← <Money fen={node.edge.netFen} locale={locale} />
        </span>
      )}
      {node.edge && (
        <span className="fen">
          {node.edge.hops.map((h, i) => (
            <span key={h.transferId}>
              {i > 0 && ' · '}
              <Link href={`/disclosure/publications/${h.publicationId}`}>
                <Official>{h.docNumber}</Official>
              </Link>{' '}
              {h.date}
              {h.kind === 'reversal' && ` (${m.ledger.kind.reversal})`}
            </span>
          ))}
        </span>
      )}
      <div className="muted chain-figures">
        {node.edge === null ? (
          // The source: its money entered by appropriation, which is the catalogue's, not a published hop.
          <>
            {c.passedOn} <Money fen={node.passedOnFen} locale={locale} />
          </>
        ) : (
          <>
            {c.received} <Money fen={node.receivedFen} locale={locale} />
            {node.party.kind !== 'payee' && (
              <>
                {' · '}
                {c.passedOn} <Money fen={node.passedOnFen} locale={locale} />
                {' · '}
                {c.held} <Money fen={node.receivedFen - node.passedOnFen} locale={locale} />
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
  if (node.children.length === 0) return <li>{line}</li>;
  // The toggle holds text only: links and amount buttons inside a <summary> would be controls nested in a control.
  return (
    <li>
      {line}
      <details open={depth < OPEN_DEPTH || focus !== null}>
        <summary>{c.below.replace('{n}', String(node.children.length))}</summary>
        <ul className="chain-children">
          {node.children.map((child) => (
            <Node key={`${child.party.code}`} node={child} depth={depth + 1} focus={focus} m={m} locale={locale} countyCodes={countyCodes} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** The public chain of each programme: from its source down to the payees, each hop with its 文号 and publication. */
export function PublicChain({ chains, focus, m, locale, countyCodes, showProgramme = true }: { chains: ProgrammeChainDto[]; focus: string | null; m: Messages; locale: Locale; countyCodes: ReadonlySet<string>; showProgramme?: boolean }) {
  if (chains.length === 0) return <p className="muted">{m.citizen.chain.empty}</p>;
  return (
    <>
      {chains.map((chain) => (
        <section key={chain.programmeCode} data-testid="public-chain" data-programme={chain.programmeCode}>
          {showProgramme && (
            <h3>
              <Link href={`/programmes/${encodeURIComponent(chain.programmeCode)}`}>
                {m.level[chain.level]} · <Official>{chain.programmeName}</Official>
              </Link>
            </h3>
          )}
          <ul className="chain-children chain-root">
            {chain.roots.map((r) => (
              <Node key={r.party.code} node={r} depth={0} focus={focus} m={m} locale={locale} countyCodes={countyCodes} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
