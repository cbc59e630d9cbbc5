import Link from 'next/link';
import { LocalName, Official } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { listPublishedAllocations } from '@/lib/dal/public/allocations';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function AllocationsPage() {
  const [{ m, locale }, list] = await Promise.all([getI18n(), listPublishedAllocations()]);
  const f = m.formula;
  return (
    <>
      <h1>{f.publicTitle}</h1>
      <p className="lead">{f.publicIntro}</p>
      {list.length === 0 && <p className="muted">{m.workspace.none}</p>}
      <ul className="cards" data-testid="allocations">
        {list.map((a) => (
          <li key={a.batchId} className="card">
            <h3>
              <Link href={`/allocations/${a.batchId}`}>
                <Official>{a.title}</Official>
              </Link>
            </h3>
            <div className="muted">
              <Official>{a.programmeName}</Official> · <LocalName zh={a.issuerName} en={a.issuerNameEn} locale={locale} />
              {a.docNumber && (
                <>
                  {' · '}
                  <Official>{a.docNumber}</Official>
                </>
              )}
            </div>
            <div className="figure">
              {a.totalFen === null ? <span className="muted">{m.disclosure.amountWithheld}</span> : <Money fen={a.totalFen} locale={locale} />}
            </div>
            <div className="muted">
              {a.publishedAt.slice(0, 10)} · v{a.version}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
