import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DemoBadge } from '@/components/ui/demo-badge';
import { AsTyped, LocalName } from '@/components/ui/local-name';
import { getPublicFinding } from '@/lib/dal/public/findings';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

/** One published finding with its answers (names and SHA-256 of the evidence), read from its latest public version. */
export default async function PublicFindingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const findingId = idParam(id);
  if (!findingId) notFound();
  const [{ m, locale, t }, found] = await Promise.all([getI18n(), getPublicFinding(findingId)]);
  if (!found) notFound();
  const f = m.findings;
  const c = found.content;
  return (
    <>
      <p>
        <Link href="/findings">{f.back}</Link>
      </p>
      <h1 data-testid="public-finding-title">
        #{found.id} · <AsTyped text={c.finding.title} />
        {found.isDemo && <DemoBadge label={m.app.demoBadge} />}
      </h1>
      <dl className="facts">
        <dt>{f.severity}</dt>
        <dd>{f.severities[c.finding.severity]}</dd>
        <dt>{f.subject}</dt>
        <dd>
          {f.subjectTypes[c.subject.type]} · <span lang="zh-CN">{c.subject.label}</span>
        </dd>
        <dt>{f.responsible}</dt>
        <dd data-testid="public-finding-responsible">
          <LocalName zh={c.responsibleOrg.name} en={c.responsibleOrg.nameEn} locale={locale} />
        </dd>
        <dt>{f.auditOrg}</dt>
        <dd>
          <LocalName zh={c.auditOrg.name} en={c.auditOrg.nameEn} locale={locale} />
        </dd>
        <dt>{f.dueDate}</dt>
        <dd>{c.finding.dueDate}</dd>
        <dt>{f.closedOn}</dt>
        <dd>{c.closedOn}</dd>
        <dt>{f.closedReason}</dt>
        <dd data-testid="public-finding-reason">
          <AsTyped text={c.closedReason} />
        </dd>
        <dt>{f.published}</dt>
        <dd>
          <Link href={`/disclosure/publications/${found.publicationId}`}>{t('findings.version', { version: found.version })} · {f.allVersions}</Link>
        </dd>
      </dl>
      <h2>{f.body}</h2>
      <p className="prewrap">
        <AsTyped text={c.finding.body} />
      </p>
      <h2>{f.requiredAction}</h2>
      <p className="prewrap">
        <AsTyped text={c.finding.requiredAction} />
      </p>
      <h2>{f.answers}</h2>
      {c.answers.length === 0 ? (
        <p className="muted">{f.none}</p>
      ) : (
        <ol className="stack" data-testid="public-finding-answers">
          {c.answers.map((a, i) => (
            <li key={i}>
              <p>
                <LocalName zh={a.organisation.name} en={a.organisation.nameEn} locale={locale} /> · {f.answeredOn} {a.answeredOn}
              </p>
              <p className="prewrap">
                <AsTyped text={a.body} />
              </p>
              {a.evidence.length > 0 && (
                <ul>
                  {a.evidence.map((e) => (
                    <li key={e.sha256 + e.filename}>
                      {f.evidence}
                      {m.app.colon}
                      <AsTyped text={e.filename} />
                      <code className="hash">
                        {f.sha256} {e.sha256}
                      </code>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <h2>{f.history}</h2>
      <ol>
        {c.history.map((h, i) => (
          <li key={i}>
            {h.on} · {f.events[h.event]}
            {h.reason && (
              <>
                {m.app.colon}
                <AsTyped text={h.reason} />
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
