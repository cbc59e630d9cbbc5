import Link from 'next/link';
import { z } from 'zod';
import { LocalName, Official } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { DemoBadge } from '@/components/ui/demo-badge';
import { getCatalogue } from '@/lib/dal/public/catalogue';
import { getI18n } from '@/lib/i18n/server';
import type { SearchParams } from '@/lib/table/url-state';
import { ListDownloads } from '@/components/citizen/list-downloads';

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
      {(year ?? years[0]) !== undefined && <ListDownloads api={`/api/public/programmes?year=${year ?? years[0]}`} name={`programmes-${year ?? years[0]}`} m={m} testId="download-programmes" />}
      {entries.some((e) => e.isDemo) && <p className="notice">{m.app.demoNotice}</p>}
      <ul className="cards" data-testid="catalogue">
        {entries.map((e) => (
          <li key={e.programmeId} className="card">
            <h3>
              <Link href={`/programmes/${encodeURIComponent(e.code)}`}>
                <Official>{e.name}</Official>
              </Link>
              {e.isDemo && <DemoBadge label={m.app.demoBadge} />}
            </h3>
            <dl className="facts">
              <dt>{c.code}</dt>
              <dd>{e.code}</dd>
              <dt>{c.level}</dt>
              <dd>{m.level[e.level as keyof typeof m.level] ?? e.level}</dd>
              <dt>{c.managingOrg}</dt>
              <dd data-testid="managing-org">{e.managingOrg ? <LocalName zh={e.managingOrg} en={e.managingOrgEn} locale={locale} /> : '—'}</dd>
              <dt>{c.docNumber}</dt>
              <dd data-testid="doc-number">{e.docNumber ? <Official>{e.docNumber}</Official> : '—'}</dd>
            </dl>
            <div className="figure">
              {e.totalFen === null ? <span className="muted">{m.disclosure.amountWithheld}</span> : <Money fen={e.totalFen} locale={locale} />}
            </div>
            <p>
              <Official>{e.purpose}</Official>
            </p>
            {e.documents.map((d) => (
              <p key={d.documentId}>
                <a href={`/api/public/documents/${d.documentId}`}>
                  {d.kind === 'management_rules' ? c.rules : c.guideline}
                  {locale === 'zh' ? '：' : ': '}
                  <Official>{d.filename}</Official>
                </a>
                <span className="hash" data-testid="sha256">
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
