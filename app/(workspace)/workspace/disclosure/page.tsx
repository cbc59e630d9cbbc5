import Link from 'next/link';
import { ApproveForm, LegalBasisForms, RenewForm, RequestWithholdingForm, RevokeForm } from './_components/withholding-forms';
import { CompletenessTable } from '@/components/disclosure/completeness-table';
import { AsTyped } from '@/components/ui/local-name';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { can } from '@/lib/auth/permissions';
import { mayOpen, ROUTES } from '@/lib/auth/routes';
import { OverdueObligations } from '@/components/disclosure/overdue-obligations';
import { listOverdueObligations } from '@/lib/dal/disclosure/deadlines';
import { listLegalBases, listWithholdings, withholdingCandidates } from '@/lib/dal/disclosure/withholdings';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getCompleteness } from '@/lib/dal/public/disclosure';
import { getI18n } from '@/lib/i18n/server';
import { DataTable } from '@/components/table/data-table';

export const dynamic = 'force-dynamic';

export default async function WorkspaceDisclosurePage() {
  const ctx = await requirePage('workspace.enter', '/workspace/disclosure');
  const role = ctx.actor.role;
  const mayRead = can(role, 'programme.read');
  const mayWithhold = can(role, 'withholding.request') || can(role, 'withholding.approve') || can(role, 'classified.read');
  const [{ m, locale }, overdue, withholdings, bases, completeness, candidates] = await Promise.all([
    getI18n(),
    mayRead ? listOverdueObligations(ctx) : Promise.resolve([]),
    mayWithhold ? listWithholdings(ctx) : Promise.resolve([]),
    listLegalBases(ctx),
    can(role, 'audit.read') ? getCompleteness() : Promise.resolve(null),
    can(role, 'withholding.request') ? withholdingCandidates(ctx) : Promise.resolve(null),
  ]);
  const d = m.disclosure;
  const basisName = (b: { name: string; nameEn: string }) => (locale === 'en' ? b.nameEn : b.name);
  return (
    <>
      <WorkspaceHeader title={d.workspaceTitle} actor={ctx.actor} m={m} locale={locale} />
      {mayRead && (
        <section>
          <h2>{d.myOverdue}</h2>
          <OverdueObligations rows={overdue} m={m} locale={locale} testId="overdue-obligations" />
        </section>
      )}

      {completeness && (
        <section>
          <h2>{d.completenessTitle}</h2>
          <CompletenessTable rows={completeness.byOrganisation} m={m} locale={locale} testId="auditor-completeness" />
        </section>
      )}

      {mayWithhold && (
        <section>
          <h2>{d.withholdings}</h2>
          {withholdings.length === 0 ? (
            <p className="muted">{d.withholdingsEmpty}</p>
          ) : (
            <DataTable
              testId="withholdings"
              columns={[
                { id: 'id', header: '#' },
                { id: 'subject', header: d.subject },
                { id: 'basis', header: d.basis },
                { id: 'reason', header: d.reason },
                { id: 'reviewDate', header: d.reviewDate },
                { id: 'requestedBy', header: d.requestedBy },
                { id: 'status', header: '' },
              ]}
              rows={withholdings.map((w) => ({
                _key: String(w.id),
                id: w.id,
                subject: `${d.itemType[w.itemType]} #${w.itemId}${w.field ? ` · ${w.field}` : ''}`,
                basis: basisName({ name: w.basisName, nameEn: w.basisNameEn }),
                reason: <AsTyped text={w.reason} />,
                reviewDate: w.reviewDate,
                requestedBy: <AsTyped text={w.requestedBy} />,
                status: (
                  <>
                    {d.status[w.status]} · {d.approvals.replace('{n}', String(w.approvals))}
                    {w.mayApprove && <ApproveForm id={w.id} d={d} />}
                    {can(role, 'withholding.request') && w.status === 'active' && <RenewForm id={w.id} d={d} />}
                    {candidates && (w.status === 'active' || w.status === 'requested') && <RevokeForm id={w.id} d={d} />}
                  </>
                ),
              }))}
            />
          )}
        </section>
      )}

      {candidates && (
        <section>
          <h2>{d.request}</h2>
          <RequestWithholdingForm d={d} locale={locale} bases={bases.map((b) => ({ id: b.id, name: basisName(b), active: b.active }))} candidates={candidates} />
        </section>
      )}

      {mayOpen(ctx.actor, 'corrections') && (
        <section>
          <h2>{d.correction}</h2>
          <p className="muted">{d.correctionLead}</p>
          <p>
            <Link className="link-button" href={ROUTES.corrections.path}>
              {d.correctionsTitle}
            </Link>
          </p>
        </section>
      )}

      {can(role, 'settings.manage') && (
        <section>
          <h2>{d.legalBases}</h2>
          <LegalBasisForms d={d} bases={bases.map((b) => ({ id: b.id, code: b.code, name: basisName(b), active: b.active }))} />
        </section>
      )}
    </>
  );
}
