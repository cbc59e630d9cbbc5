import Link from 'next/link';
import { z } from 'zod';
import { Amount } from '@/components/ui/amount';
import { DemoBadge } from '@/components/ui/demo-badge';
import { getCatalogue } from '@/lib/dal/public/catalogue';
import { getI18n } from '@/lib/i18n/server';
import type { SearchParams } from '@/lib/table/url-state';

export const dynamic = 'force-dynamic';

export default async function CataloguePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = (await searchParams).year;
  const year = z.coerce.number().int().min(2021).max(2035).optional().catch(undefined).parse(Array.isArray(raw) ? raw[0] : raw);
  const [{ m, locale }, { years, entries }] = await Promise.all([getI18n(), getCatalogue(year)]);
  const c = m.catalogue;
  return (
    <>
      <h1>{c.title}</h1>
      <p className="lead">{c.lead}</p>
      <nav className="filters" aria-label={c.years}>
        {years.map((y) => (
          <Link key={y} href={`/catalogue?year=${y}`} aria-current={(year ?? years[0]) === y ? 'page' : undefined}>
            {y}
          </Link>
        ))}
      </nav>
      {entries.length === 0 && <p className="muted">{m.workspace.none}</p>}
      {entries.some((e) => e.isDemo) && <p className="notice">{m.app.demoNotice}</p>}
      <ul className="cards" data-testid="catalogue">
        {entries.map((e) => (
          <li key={e.programmeId} className="card">
            <h3>
              {e.name}
              {e.isDemo && <DemoBadge label={m.app.demoBadge} />}
            </h3>
            <div className="muted">
              {e.code} · {m.level[e.level as keyof typeof m.level] ?? e.level} · {e.managingOrg ?? ''} · {e.docNumber ?? ''}
            </div>
            <div className="figure">
              {e.totalFen === null ? <span className="muted">{m.disclosure.amountWithheld}</span> : <Amount fen={e.totalFen} locale={locale} />}
            </div>
            <p>{e.purpose}</p>
            {e.documents.map((d) => (
              <p key={d.documentId}>
                <a href={`/api/public/documents/${d.documentId}`}>
                  {d.kind === 'management_rules' ? c.rules : c.guideline}：{d.filename}
                </a>
                <span className="fen" data-testid="sha256">
                  SHA-256 {d.sha256}
                </span>
              </p>
            ))}
            <div className="muted">
              {c.published} {e.publishedAt} · v{e.version}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
