import Link from 'next/link';
import { DemoBadge } from '@/components/ui/demo-badge';
import { AsTyped, LocalName } from '@/components/ui/local-name';
import { listPublicFindings } from '@/lib/dal/public/findings';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** 审计发现及整改: every closed finding as published (latest public version), as cards that read on a phone. */
export default async function PublicFindingsPage() {
  const [{ m, locale }, rows] = await Promise.all([getI18n(), listPublicFindings()]);
  const f = m.findings;
  return (
    <>
      <h1>{f.publicTitle}</h1>
      <p className="muted">{f.publicLead}</p>
      {rows.length === 0 ? (
        <p className="muted" data-testid="public-findings-empty">
          {f.publicNone}
        </p>
      ) : (
        <ul className="cards" data-testid="public-findings">
          {rows.map((r) => (
            <li key={r.id} className="card" data-testid={`public-finding-${r.id}`}>
              <h2>
                <Link href={`/findings/${r.id}`}>
                  #{r.id} · <AsTyped text={r.content.finding.title} />
                </Link>
                {r.isDemo && <DemoBadge label={m.app.demoBadge} />}
              </h2>
              <dl className="facts">
                <dt>{f.severity}</dt>
                <dd>{f.severities[r.content.finding.severity]}</dd>
                <dt>{f.responsible}</dt>
                <dd>
                  <LocalName zh={r.content.responsibleOrg.name} en={r.content.responsibleOrg.nameEn} locale={locale} />
                </dd>
                <dt>{f.closedOn}</dt>
                <dd>{r.content.closedOn}</dd>
                <dt>{f.answers}</dt>
                <dd>{r.content.answers.length}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
