import Link from 'next/link';
import { mayOpen, ROUTES } from '@/lib/auth/routes';
import { listBatches } from '@/lib/dal/formulas/batches';
import { requirePage } from '@/lib/dal/page-guard';
import { Money } from '@/components/ui/money';
import { getI18n } from '@/lib/i18n/server';

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
        <div className="table-wrap">
          <table data-testid="batches">
            <thead>
              <tr>
                <th>{m.workflow.code}</th>
                <th>{f.title}</th>
                <th>{m.workspace.programme}</th>
                <th>{f.total}</th>
                <th>{m.workflow.stage}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id}>
                  <td>
                    <Link href={`/workspace/items/${b.itemId}`}>{b.code}</Link>
                  </td>
                  <td>{b.title}</td>
                  <td>{b.programmeName}</td>
                  <td className="num">
                    <Money fen={b.totalFen} locale={locale} />
                  </td>
                  <td>{locale === 'en' ? b.stageNameEn : b.stageName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
