import Link from 'next/link';
import { BatchForm } from './_components/batch-form';
import { formulaVersionsForBatch, programmesHeld } from '@/lib/dal/formulas/batches';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function NewBatchPage() {
  const ctx = await requirePage('formula.write', '/workspace/batches/new');
  const [{ m, locale }, programmes, versions] = await Promise.all([getI18n(), programmesHeld(ctx), formulaVersionsForBatch(ctx)]);
  const u = m.ledgerUi;
  return (
    <>
      <h1>{m.formula.newBatch}</h1>
      <p>
        <Link href="/workspace/formulas/new">{m.formula.newVersion}</Link>
      </p>
      <BatchForm
        programmes={programmes.map((p) => ({ ...p, balanceFen: p.balanceFen.toString() }))}
        versions={versions}
        f={m.formula}
        locale={locale}
        messages={formMessages(locale)}
        labels={{ amount: m.formula.total, unitYuan: u.unitYuan, unitWan: u.unitWan, echo: u.amountEcho, submitting: u.submitting, docNumber: u.docNumber, choose: u.choose }}
      />
    </>
  );
}
