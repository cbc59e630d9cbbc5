import { TransferForm } from './_components/transfer-form';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { transferFormOptions } from '@/lib/dal/ledger/transfer-options';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function NewTransferPage() {
  const ctx = await requirePage('transfer.record', '/workspace/transfers/new');
  const [{ m, locale }, options] = await Promise.all([getI18n(), transferFormOptions(ctx)]);
  const u = m.ledgerUi;
  return (
    <>
      <h1>{u.nav.newTransfer}</h1>
      <TransferForm
        options={options}
        today={new Date().toISOString().slice(0, 10)}
        locale={locale}
        messages={formMessages(locale)}
        labels={{
          amount: u.amount,
          unitYuan: u.unitYuan,
          unitWan: u.unitWan,
          echo: u.amountEcho,
          programme: u.programme,
          from: u.from,
          to: u.to,
          date: u.date,
          docNumber: u.docNumber,
          kind: u.kind,
          note: u.note,
          choose: u.choose,
          submit: u.submit,
          submitting: u.submitting,
          recorded: u.recorded,
          replayed: m.form.replayed,
          held: u.held,
          allocation: m.ledger.kind.allocation,
          payment: m.ledger.kind.payment,
          disbursement: m.ledger.kind.disbursement,
        }}
      />
    </>
  );
}
