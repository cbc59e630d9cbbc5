import { z } from 'zod';
import { PUBLICATION_KINDS } from '@/lib/domain/vocabulary';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { CORRECTABLE_KINDS, correctablePublications } from '@/lib/dal/disclosure/publications';
import { getI18n } from '@/lib/i18n/server';
import type { SearchParams } from '@/lib/table/url-state';
import { DataTable } from '@/components/table/data-table';
import { Official } from '@/components/ui/local-name';

export const dynamic = 'force-dynamic';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CorrectionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePage('publication.correct', '/workspace/disclosure/corrections');
  const q = z.string().trim().max(60).optional().catch(undefined).parse(one(params.q)) || undefined;
  const kind = z.enum(PUBLICATION_KINDS).optional().catch(undefined).parse(one(params.kind) || undefined);
  const [{ m }, rows] = await Promise.all([getI18n(), correctablePublications(ctx, { q, kind })]);
  const d = m.disclosure;
  return (
    <>
      <h1>{d.correctionsTitle}</h1>
      <p className="muted">{d.correctionLead}</p>
      <form className="filters" method="get">
        <label>
          {m.ledgerUi.search}
          <input name="q" defaultValue={q ?? ''} />
        </label>
        <label>
          {d.subject}
          <select name="kind" defaultValue={kind ?? ''}>
            <option value="">{m.ledgerUi.all}</option>
            {CORRECTABLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {d.kind[k]}
              </option>
            ))}
          </select>
        </label>
        <button className="secondary" type="submit">
          {m.ledgerUi.filter}
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="muted">{d.correctionsEmpty}</p>
      ) : (
        <DataTable
          testId="correctable"
          columns={[
            { id: 'subject', header: d.subject },
            { id: 'kind', header: m.admin.kind },
            { id: 'version', header: d.versions },
            { id: 'published', header: d.published },
            { id: 'correct', header: '' },
          ]}
          rows={rows.map((r) => ({
            _key: String(r.id),
            subject: <Official>{r.title}</Official>,
            kind: d.kind[r.kind],
            version: d.version.replace('{n}', String(r.version)),
            published: r.publishedAt.toISOString().slice(0, 10),
            correct: { text: d.correctThis, href: `/workspace/disclosure/corrections/${r.id}` },
          }))}
        />
      )}
    </>
  );
}
