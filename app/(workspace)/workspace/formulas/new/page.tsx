import { FormulaVersionForm } from './_components/formula-version-form';
import { optionText } from '@/components/ui/local-name';
import { programmesHeld } from '@/lib/dal/formulas/batches';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function NewFormulaVersionPage() {
  const ctx = await requirePage('formula.write', '/workspace/formulas/new');
  const [{ m, locale }, programmes] = await Promise.all([getI18n(), programmesHeld(ctx)]);
  return (
    <>
      <h1>{m.formula.newVersion}</h1>
      <FormulaVersionForm
        programmes={programmes.map((p) => ({ id: p.id, ...optionText(p, locale) }))}
        f={m.formula}
        messages={formMessages(locale)}
        labels={{ unitYuan: m.ledgerUi.unitYuan, unitWan: m.ledgerUi.unitWan, submitting: m.ledgerUi.submitting }}
      />
    </>
  );
}
