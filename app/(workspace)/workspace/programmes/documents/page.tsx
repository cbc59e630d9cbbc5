import { ProgrammeDocumentForm } from './_components/programme-document-form';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { managedProgrammes } from '@/lib/dal/ledger/programme-documents';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function ProgrammeDocumentsPage() {
  const ctx = await requirePage('programme.write', '/workspace/programmes/documents');
  const [{ m, locale }, programmes] = await Promise.all([getI18n(), managedProgrammes(ctx)]);
  const u = m.ledgerUi;
  return (
    <>
      <h1>{m.ledger.publishDocument}</h1>
      {programmes.length === 0 ? (
        <p className="muted">{m.workspace.none}</p>
      ) : (
        <ProgrammeDocumentForm
          programmes={programmes}
          locale={locale}
          labels={{ programme: u.programme, rules: m.catalogue.rules, guideline: m.catalogue.guideline, docNumber: u.docNumber, changeReason: m.formula.changeReasonLabel, file: m.ledger.documentFile, submit: u.submit, submitting: u.submitting, published: m.ledger.documentPublished }}
        />
      )}
    </>
  );
}
