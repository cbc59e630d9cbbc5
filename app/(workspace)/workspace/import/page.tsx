import { ImportWizard } from './_components/import-wizard';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { EXPENDITURE_FIELDS, FIELD_LABELS, TRANSFER_FIELDS } from '@/lib/import/transfer-rows';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function ImportPage() {
  await requirePage('import.run', '/workspace/import');
  const { m } = await getI18n();
  const i = m.import;
  const labelsOf = (fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, FIELD_LABELS[f as keyof typeof FIELD_LABELS]]));
  return (
    <>
      <h1>{i.title}</h1>
      <ImportWizard
        fieldLabels={{ transfers: labelsOf(TRANSFER_FIELDS), expenditures: labelsOf(EXPENDITURE_FIELDS) }}
        labels={{
          target: i.target, transfers: i.transfers, expenditures: i.expenditures, file: i.file, preview: i.preview, mapping: i.mapping,
          notInSheet: i.notInSheet, rowsSummary: i.rowsSummary, errorsTitle: i.errorsTitle, row: i.row, column: i.column, problem: i.problem,
          dryRun: i.dryRun, commit: i.commit, progress: i.progress, dryRunDone: i.dryRunDone, committed: i.committed,
        }}
      />
    </>
  );
}
