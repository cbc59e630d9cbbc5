import { ExpenditureForm } from './_components/expenditure-form';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { expenditureFormOptions } from '@/lib/dal/ledger/transfer-options';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function NewExpenditurePage() {
  const ctx = await requirePage('transfer.record', '/workspace/expenditures/new');
  const [{ m, locale }, options] = await Promise.all([getI18n(), expenditureFormOptions(ctx)]);
  const u = m.ledgerUi;
  return (
    <>
      <h1>{u.nav.expenditure}</h1>
      <ExpenditureForm
        options={options}
        today={new Date().toISOString().slice(0, 10)}
        locale={locale}
        messages={formMessages(locale)}
        labels={{
          amount: u.amount, unitYuan: u.unitYuan, unitWan: u.unitWan, echo: u.amountEcho, programme: u.programme, payee: u.payee,
          spentOn: u.spentOn, voucherNo: u.voucherNo, description: u.description, evidence: u.evidence, choose: u.choose, submit: u.submit,
          submitting: u.submitting, recorded: u.recorded, replayed: m.form.replayed,
        }}
      />
    </>
  );
}
