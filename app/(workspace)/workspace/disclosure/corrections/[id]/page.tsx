import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CorrectionForm } from './_components/correction-form';
import { Official } from '@/components/ui/local-name';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { correctionForm } from '@/lib/dal/disclosure/publications';
import { AppError } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';
import type { SearchParams } from '@/lib/table/url-state';

export const dynamic = 'force-dynamic';

/** `recipients[2].sources.central` → "分配对象 3 · 来源 · central". */
function fieldLabel(path: string, labels: Messages['disclosure']['fieldLabels']): string {
  const parts: string[] = [];
  for (const token of path.match(/[A-Za-z_$][\w$]*|\[\d+\]/g) ?? [path]) {
    if (token.startsWith('[')) parts[parts.length - 1] += ` ${Number(token.slice(1, -1)) + 1}`;
    else parts.push(labels[token as keyof typeof labels] ?? token);
  }
  return parts.join(' · ');
}

export default async function CorrectPublicationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { id } = await params;
  const corrected = (await searchParams).corrected === '1';
  const ctx = await requirePage('publication.correct', `/workspace/disclosure/corrections/${id}`);
  const publicationId = idParam(id);
  if (!publicationId) notFound();
  // Another organisation's publication is answered as not found: its existence is not the caller's business here.
  const form = await correctionForm(ctx, publicationId).catch((e: unknown) => (e instanceof AppError && (e.code === 'not_found' || e.code === 'forbidden') ? null : Promise.reject(e)));
  if (!form) notFound();
  const { m } = await getI18n();
  const d = m.disclosure;
  return (
    <>
      <h1>
        {d.correction} · <Official>{form.title}</Official>
      </h1>
      <p className="muted">
        {d.kind[form.kind]} · {d.version.replace('{n}', String(form.version))} · <Link href={`/disclosure/publications/${form.id}`}>{d.versions}</Link>
      </p>
      {corrected && !form.latestId && (
        <p className="ok" role="status" data-testid="correction-published">
          {d.saved} · <Link href={`/disclosure/publications/${form.id}`}>{d.version.replace('{n}', String(form.version))}</Link>
        </p>
      )}
      {form.latestId ? (
        <p className="notice">
          {d.correctLatest} <Link href={`/workspace/disclosure/corrections/${form.latestId}`}>{d.correctThis}</Link>
        </p>
      ) : form.fields.length === 0 ? (
        <p className="muted">{d.noCorrectableFields}</p>
      ) : (
        <CorrectionForm publicationId={form.id} fields={form.fields.map((f) => ({ ...f, label: fieldLabel(f.path, d.fieldLabels) }))} notice={form.notice} d={d} />
      )}
    </>
  );
}
