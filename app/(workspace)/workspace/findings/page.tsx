import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { DataTable } from '@/components/table/data-table';
import { LocalName } from '@/components/ui/local-name';
import { can } from '@/lib/auth/permissions';
import { mayOpen, ROUTES } from '@/lib/auth/routes';
import { listFindings } from '@/lib/dal/audit/findings';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

const HAN = /\p{Script=Han}/u;

/** Auditors see every finding; an organisation that answers findings sees those addressed to it. */
export default async function FindingsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const ctx = await requirePage('workspace.enter', '/workspace/findings');
  if (!can(ctx.actor, 'finding.record') && !can(ctx.actor, 'finding.answer')) forbidden();
  const { status: raw } = await searchParams;
  const status = raw === 'closed' || raw === 'all' ? raw : 'open';
  const [{ m, locale }, rows] = await Promise.all([getI18n(), listFindings(ctx, { status: status === 'all' ? undefined : status })]);
  const f = m.findings;
  const auditor = can(ctx.actor, 'finding.record');
  return (
    <>
      <h1>{f.title}</h1>
      <p className="muted">{auditor ? f.lead : f.addressedLead}</p>
      <p className="inline-form">
        {(['open', 'closed', 'all'] as const).map((s) => (
          <Link key={s} href={`${ROUTES.findings.path}?status=${s}`} aria-current={s === status ? 'page' : undefined}>
            {s === 'open' ? f.open : s === 'closed' ? f.statuses.closed : f.all}
          </Link>
        ))}
        {mayOpen(ctx.actor, 'newFinding') && (
          <Link className="link-button" href={ROUTES.newFinding.path}>
            {f.newFinding}
          </Link>
        )}
      </p>
      {rows.length === 0 ? (
        <p className="muted" data-testid="findings-empty">
          {f.none}
        </p>
      ) : (
        <DataTable
          testId="findings"
          columns={[
            { id: 'title', header: f.findingTitle },
            { id: 'severity', header: f.severity },
            { id: 'subject', header: f.subject },
            { id: 'responsible', header: f.responsible },
            { id: 'due', header: f.dueDate },
            { id: 'status', header: f.status },
            { id: 'answers', header: f.answers, numeric: true },
          ]}
          rows={rows.map((r) => ({
            _key: String(r.id),
            _row: { testId: `finding-${r.id}`, className: r.overdue ? 'overdue' : undefined },
            title: { text: `#${r.id} · ${r.title}`, href: `${ROUTES.findings.path}/${r.id}`, lang: HAN.test(r.title) ? 'zh-CN' : undefined },
            severity: f.severities[r.severity],
            subject: `${f.subjectTypes[r.subjectType]} ${r.subjectRef}`,
            responsible: <LocalName zh={r.responsibleOrg.name} en={r.responsibleOrg.nameEn} locale={locale} />,
            due: r.overdue ? `${r.dueDate} · ${f.overdue}` : r.dueDate,
            status: f.statuses[r.status],
            answers: r.answers,
          }))}
        />
      )}
    </>
  );
}
