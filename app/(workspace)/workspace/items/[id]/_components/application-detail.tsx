import type { ApplicationDetailDto } from '@/lib/dal/workflow/applications';
import { DataTable } from '@/components/table/data-table';
import { AsTyped, LocalName, Official } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** What the applicant asked for, as the reviewer judges it. */
export function ApplicationDetail({ a, m, locale, itemId }: { a: ApplicationDetailDto; m: Messages; locale: Locale; itemId: number }) {
  const w = m.workflow;
  return (
    <section className="stack" data-testid="application-detail">
      <dl>
        <dt>{w.project}</dt>
        <dd>
          {a.projectCode} <Official>{a.projectName}</Official>
        </dd>
        <dt>{w.organisation}</dt>
        <dd>
          <LocalName zh={a.applicantName} en={a.applicantNameEn} locale={locale} />
        </dd>
        <dt>{w.county}</dt>
        <dd>
          <LocalName zh={a.countyName} en={a.countyNameEn} locale={locale} /> <AsTyped text={a.town} />
        </dd>
        <dt>{w.fiscalYear}</dt>
        <dd>{a.fiscalYear}</dd>
        <dt>
          {w.plannedStart} — {w.plannedEnd}
        </dt>
        <dd>
          {a.plannedStart} — {a.plannedEnd}
        </dd>
        <dt>{w.description}</dt>
        <dd>
          <AsTyped text={a.description} />
        </dd>
      </dl>
      <h2>{w.requested}</h2>
      <table>
        <tbody>
          {(['central', 'provincial', 'municipal', 'own'] as const).map((s) => (
            <tr key={s}>
              <th scope="row">{w.sources[s]}</th>
              <td className="num" data-testid={`requested-${s}`}>
                <Money fen={a.requested[s]} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{w.targets}</h2>
      <DataTable
        columns={[
          { id: 'category', header: w.category },
          { id: 'name', header: w.targetName },
          { id: 'value', header: w.targetValueLabel },
        ]}
        rows={a.targets.map((t, i) => ({
          _key: String(i),
          category: `${w.categories[t.category as keyof typeof w.categories]} · ${w.subcategories[t.subcategory as keyof typeof w.subcategories]}`,
          name: <AsTyped text={t.name} />,
          value: (
            <>
              {t.targetValue.replace(/\.?0+$/, '')} <AsTyped text={t.unit} />
            </>
          ),
        }))}
      />
      {a.attachments.length > 0 && (
        <ul>
          {a.attachments.map((f) => (
            <li key={f.documentId}>
              <a href={`/api/workspace/items/${itemId}/attachments/${f.documentId}`}>
                <AsTyped text={f.filename} />
              </a> · {f.byteSize} B · SHA-256 <code>{f.sha256.slice(0, 16)}…</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
