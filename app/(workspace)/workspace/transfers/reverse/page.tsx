import { z } from 'zod';
import { ReversalForm } from './_components/reversal-form';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import type { SearchParams } from '@/lib/table/url-state';

export const dynamic = 'force-dynamic';

export default async function ReversePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePage('transfer.record', '/workspace/transfers/reverse');
  const raw = (await searchParams).id;
  const id = z.coerce.number().int().positive().catch(0).parse(Array.isArray(raw) ? raw[0] : raw);
  const { m, locale } = await getI18n();
  const u = m.ledgerUi;
  return (
    <>
      <h1>{u.reverse}</h1>
      <ReversalForm
        reversesId={id}
        today={new Date().toISOString().slice(0, 10)}
        messages={formMessages(locale)}
        labels={{
          amount: u.amount, unitYuan: u.unitYuan, unitWan: u.unitWan, echo: u.amountEcho, reversesId: u.reversesId, date: u.date,
          docNumber: u.docNumber, reason: u.reason, submit: u.submit, submitting: u.submitting, recorded: u.recorded, replayed: m.form.replayed,
        }}
      />
    </>
  );
}
