import Link from 'next/link';
import { mayOpen, ROUTES } from '@/lib/auth/routes';
import { listBatches } from '@/lib/dal/formulas/batches';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';
import { DataTable } from '@/components/table/data-table';
import { moneyCell } from '@/components/ledger/money-cell';
import { LocalName, Official } from '@/components/ui/local-name';

export const dynamic = 'force-dynamic';

export default async function BatchesPage() {
  const ctx = await requirePage('programme.read', '/workspace/batches');
  const [{ m, locale }, batches] = await Promise.all([getI18n(), listBatches(ctx)]);
  const f = m.formula;
  return (
    <>
      <h1>{f.batches}</h1>
      {mayOpen(ctx.actor, 'newBatch') && (
        <p className="inline-form">
          <Link className="link-button" href={ROUTES.newBatch.path}>
            {f.newBatch}
          </Link>
          {mayOpen(ctx.actor, 'newFormula') && (
            <Link className="link-button" href={ROUTES.newFormula.path}>
              {f.newVersion}
            </Link>
          )}
        </p>
      )}
      {batches.length === 0 ? (
        <p className="muted">{m.workspace.none}</p>
      ) : (
        <DataTable
          testId="batches"
          columns={[
            { id: 'code', header: m.workflow.code },
            { id: 'title', header: f.title },
            { id: 'programme', header: m.workspace.programme },
            { id: 'total', header: f.total, numeric: true },
            { id: 'stage', header: m.workflow.stage },
          ]}
          rows={batches.map((b) => ({
            _key: String(b.id),
            code: { text: b.code, href: `/workspace/items/${b.itemId}` },
            title: <Official>{b.title}</Official>,
            programme: <LocalName zh={b.programmeName} en={b.programmeNameEn} locale={locale} />,
            total: moneyCell(b.totalFen, locale),
            stage: locale === 'en' ? b.stageNameEn : b.stageName,
          }))}
        />
      )}
    </>
  );
}
