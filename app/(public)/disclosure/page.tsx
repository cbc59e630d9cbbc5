import Link from 'next/link';
import { DemoBadge } from '@/components/ui/demo-badge';
import { LocalName, Official } from '@/components/ui/local-name';
import { listFeedEntries, listPublicOverdue } from '@/lib/dal/public/disclosure';
import { getI18n } from '@/lib/i18n/server';
import { ListDownloads } from '@/components/citizen/list-downloads';
import { DataTable } from '@/components/table/data-table';

export const dynamic = 'force-dynamic';

export default async function DisclosurePage() {
  const [{ m, locale }, entries, overdue] = await Promise.all([getI18n(), listFeedEntries({}), listPublicOverdue()]);
  const d = m.disclosure;
  return (
    <>
      <h1>{d.title}</h1>
      <p className="lead">{d.lead}</p>
      <nav className="filters">
        <Link href="/disclosure/completeness">{d.completenessTitle}</Link>
        <Link href="/disclosure/withheld">{d.registerTitle}</Link>
        <Link href="/findings">{m.findings.publicTitle}</Link>
        <Link href="/disclosure/audit-checkpoints">{m.auditLog.link}</Link>
        <a href="/api/public/feed/atom">{d.atom}</a>
        <a href="/api/public/feed/json">{d.jsonFeed}</a>
      </nav>
      <p className="muted">{d.feedHint}</p>
      <ListDownloads api="/api/public/bulk/publications" name="publications" m={m} testId="download-publications" />

      <h2>{d.overdueTitle}</h2>
      <p className="muted">{d.overdueLead}</p>
      {overdue.length === 0 ? (
        <p className="muted">{d.overdueEmpty}</p>
      ) : (
        <DataTable
          testId="public-overdue"
          columns={[
            { id: 'subject', header: d.subject },
            { id: 'kind', header: d.status.overdue },
            { id: 'responsible', header: d.responsible },
            { id: 'due', header: d.dueAt },
          ]}
          rows={overdue.map((o) => ({
            _key: `${o.kind}-${o.subjectType}-${o.subjectId}`,
            subject: o.subjectName ? <Official>{o.subjectName}</Official> : null,
            kind: d.kind[o.kind],
            responsible: <LocalName zh={o.responsibleOrg} en={o.responsibleOrgEn} locale={locale} />,
            due: o.dueAt.slice(0, 10),
          }))}
        />
      )}

      <h2>{d.recent}</h2>
      <ul className="cards" data-testid="publications">
        {entries.slice(0, 50).map((e) => (
          <li key={e.id} className="card">
            <h3>
              <Link href={`/disclosure/publications/${e.id}`}>
                <Official>{e.title}</Official>
              </Link>
              {e.isDemo && <DemoBadge label={m.app.demoBadge} />}
            </h3>
            <div className="muted">
              {d.kind[e.kind]} · {d.version.replace('{n}', String(e.version))} · <LocalName zh={e.issuerName} en={e.issuerNameEn} locale={locale} /> · {e.publishedAt.slice(0, 10)}
            </div>
            {e.changeReason && (
              <p>
                {d.changeReason}
                {locale === 'zh' ? '：' : ': '}
                <Official>{e.changeReason}</Official>
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
