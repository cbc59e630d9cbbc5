import type { Metadata } from 'next';
import { DataTable } from '@/components/table/data-table';
import { buildOpenApi } from '@/lib/api/openapi';
import { getDataDates, type DataDatesDto } from '@/lib/dal/public/data-dates';
import { API_CHANGELOG, CODE_LISTS, DATASETS, type Dataset } from '@/lib/opendata/dictionary';
import { fieldDoc, type CodeListId } from '@/lib/opendata/fields';
import { schemaFields } from '@/lib/opendata/schema-fields';
import type { Locale } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import type { Messages } from '@/lib/i18n/zh';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.data.title };
}

type OpenApiDoc = { paths: Record<string, { get: { responses: { '200': { content: Record<string, { schema: unknown }> } } } }> };

/** The fields of one path's answer, from the schema the route validates against; `[]` elements are their arrays'. */
function fieldsOf(doc: OpenApiDoc, path: string) {
  const schema = doc.paths[path]?.get.responses['200'].content['application/json']?.schema;
  return schema === undefined ? [] : schemaFields(schema).filter((f) => !f.path.endsWith('[]'));
}

function asOfText(dataset: Dataset, dates: DataDatesDto, m: Messages): string {
  if (dataset.asOf === 'plan') return m.data.asOfPlan;
  if (dataset.asOf === 'now') return m.data.asOfNow;
  return dates[dataset.asOf] ?? m.data.asOfNone;
}

function FieldTable({ doc, path, m, locale }: { doc: OpenApiDoc; path: string; m: Messages; locale: Locale }) {
  const d = m.data;
  const fields = fieldsOf(doc, path);
  return (
    <details>
      <summary>
        {d.fields.replace('{count}', String(fields.length))} · <code>{path}</code>
      </summary>
      <DataTable
        testId={`fields-${path}`}
        label={d.fieldsOf.replace('{path}', path)}
        columns={[
          { id: 'field', header: d.field },
          { id: 'type', header: d.type },
          { id: 'unit', header: d.unit },
          { id: 'meaning', header: d.meaning },
        ]}
        rows={fields.map((f) => {
          const entry = fieldDoc(path, f.path);
          return {
            _key: f.path,
            field: <code>{f.path}</code>,
            type: f.type,
            unit: entry?.unit ? d.units[entry.unit] : '—',
            meaning: entry ? (
              <>
                {entry[locale]}
                {entry.codes && (
                  <>
                    {' · '}
                    <a href={`#codes-${entry.codes}`}>{d.codeListNames[entry.codes]}</a>
                  </>
                )}
              </>
            ) : (
              '—'
            ),
          };
        })}
      />
    </details>
  );
}

function DatasetSection({ dataset, doc, dates, m, locale }: { dataset: Dataset; doc: OpenApiDoc; dates: DataDatesDto; m: Messages; locale: Locale }) {
  const d = m.data;
  return (
    <section className="card dataset" id={dataset.id} aria-labelledby={`${dataset.id}-title`} data-testid={`dataset-${dataset.id}`}>
      <h2 id={`${dataset.id}-title`}>{dataset.title[locale]}</h2>
      <p>{dataset.description[locale]}</p>
      <dl className="facts">
        <dt>{d.addresses}</dt>
        <dd>
          <ul className="plain">
            {dataset.addresses.map((a) => (
              <li key={a.href}>
                {a.href.includes('{') ? <code>{a.href}</code> : <a href={a.href}>{a.href}</a>} <span className="muted">({a.format.toUpperCase()})</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{d.frequency}</dt>
        <dd>{dataset.frequency[locale]}</dd>
        <dt>{d.asOf}</dt>
        <dd data-testid="dataset-as-of">{asOfText(dataset, dates, m)}</dd>
        {dataset.standard && (
          <>
            <dt>{d.standard}</dt>
            <dd>
              <a href={dataset.standard.href}>{dataset.standard.name}</a> <span className="muted">{d.standardFields}</span>
            </dd>
          </>
        )}
      </dl>
      {dataset.openapi.map((path) => (
        <FieldTable key={path} doc={doc} path={path} m={m} locale={locale} />
      ))}
      {!dataset.openapi.length && !dataset.standard && <p className="muted">{d.noFields}</p>}
    </section>
  );
}

export default async function DataDictionaryPage() {
  const [{ m, locale }, dates] = await Promise.all([getI18n(), getDataDates()]);
  const d = m.data;
  const doc = buildOpenApi() as OpenApiDoc;
  return (
    <div className="data-dictionary">
      <h1>{d.title}</h1>
      <p className="lead">{d.lead}</p>
      <p>{d.conventions}</p>
      <p>
        <a href="/api/openapi.json">{d.openapi}</a>
      </p>
      <nav aria-labelledby="contents-title">
        <h2 id="contents-title">{d.contents}</h2>
        <ul>
          {DATASETS.map((dataset) => (
            <li key={dataset.id}>
              <a href={`#${dataset.id}`}>{dataset.title[locale]}</a>
            </li>
          ))}
          <li>
            <a href="#code-lists">{d.codeListsTitle}</a>
          </li>
          <li>
            <a href="#changelog">{d.changelogTitle}</a>
          </li>
        </ul>
      </nav>
      {DATASETS.map((dataset) => (
        <DatasetSection key={dataset.id} dataset={dataset} doc={doc} dates={dates} m={m} locale={locale} />
      ))}
      <section aria-labelledby="code-lists" data-testid="code-lists">
        <h2 id="code-lists">{d.codeListsTitle}</h2>
        <p className="muted">{d.codeListsLead}</p>
        {(Object.keys(CODE_LISTS) as CodeListId[]).map((id) => {
          const list = CODE_LISTS[id];
          const names = list.names(m, locale);
          return (
            <section key={id} id={`codes-${id}`} aria-labelledby={`codes-${id}-title`}>
              <h3 id={`codes-${id}-title`}>{d.codeListNames[id]}</h3>
              <DataTable
                testId={`codes-${id}`}
                label={d.codeListNames[id]}
                columns={[
                  { id: 'code', header: d.code },
                  { id: 'name', header: d.name },
                ]}
                rows={list.codes.map((code) => ({ _key: code, code: <code>{code}</code>, name: names[code] ?? '—' }))}
              />
            </section>
          );
        })}
      </section>
      <section aria-labelledby="changelog" data-testid="changelog">
        <h2 id="changelog">{d.changelogTitle}</h2>
        <DataTable
          testId="api-changelog"
          label={d.changelogTitle}
          columns={[
            { id: 'date', header: d.date },
            { id: 'change', header: d.change },
          ]}
          rows={API_CHANGELOG.map((c, i) => ({ _key: String(i), date: c.date, change: c.change[locale] }))}
        />
      </section>
    </div>
  );
}
