import Link from 'next/link';
import { z } from 'zod';
import { PUBLICATION_KINDS } from '@/lib/domain/vocabulary';
import { requirePage } from '@/lib/dal/page-guard';
import { CORRECTABLE_KINDS, correctablePublications } from '@/lib/dal/publications';
import { getI18n } from '@/lib/i18n/server';
import type { SearchParams } from '@/lib/table/url-state';

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
        <div className="table-wrap">
          <table data-testid="correctable">
            <thead>
              <tr>
                <th>{d.subject}</th>
                <th>{m.admin.kind}</th>
                <th>{d.versions}</th>
                <th>{d.published}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.title}</td>
                  <td>{d.kind[r.kind]}</td>
                  <td>{d.version.replace('{n}', String(r.version))}</td>
                  <td>{r.publishedAt.toISOString().slice(0, 10)}</td>
                  <td>
                    <Link href={`/workspace/disclosure/corrections/${r.id}`}>{d.correctThis}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
