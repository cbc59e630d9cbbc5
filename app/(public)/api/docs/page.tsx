import type { Metadata } from 'next';
import { apiReference, type ReferenceEndpoint, type ReferenceField } from '@/lib/api/openapi-reference';
import { SUMMARIES_ZH } from '@/lib/api/openapi-summaries-zh';
import type { Locale } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import type { Messages } from '@/lib/i18n/zh';

/*
 * /api/docs: the public API's reference for people, rendered on the server from the same OpenAPI
 * document /api/openapi.json serves (itself generated from the schemas the routes validate
 * against). Plain HTML: readable without JavaScript, one column on a phone.
 */

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: m.apiDocs.title };
}

const HAN_RUN = /([\p{Script=Han}\u3000-\u303f\uff00-\uffef]+)/u;

/**
 * English text from the OpenAPI document, marked as such inside a Chinese page; the Chinese terms
 * it quotes (专项资金目录, 文号, …) are marked as Chinese inside it.
 */
function En({ children, locale }: { children: string; locale: Locale }) {
  const parts = children.split(HAN_RUN).map((part, i) => (i % 2 === 1 ? <span key={i} lang="zh-CN">{part}</span> : part));
  return locale === 'en' ? <>{parts}</> : <span lang="en">{parts}</span>;
}

function Values({ values, label, locale }: { values: string[] | null; label: string; locale: Locale }) {
  if (!values) return null;
  return (
    <span className="api-values">
      {label}
      {locale === 'en' ? ': ' : '：'}
      {values.map((v, i) => (
        <span key={v}>
          {i > 0 && ', '}
          <code>{v}</code>
        </span>
      ))}
    </span>
  );
}

function Fields({ fields, m, locale, caption }: { fields: ReferenceField[]; m: Messages; locale: Locale; caption: string }) {
  const d = m.apiDocs;
  return (
    <ul className="api-fields" aria-label={caption}>
      {fields.map((f) => (
        <li key={f.name}>
          <code className="api-field-name">{f.name}</code> <span className="api-type">{f.type}</span>
          {!f.required && <span className="muted"> · {d.optional}</span>}
          {f.description && (
            <div>
              <En locale={locale}>{f.description}</En>
            </div>
          )}
          <Values values={f.values} label={d.values} locale={locale} />
        </li>
      ))}
    </ul>
  );
}

function Endpoint({ e, m, locale }: { e: ReferenceEndpoint; m: Messages; locale: Locale }) {
  const d = m.apiDocs;
  const summary = locale === 'zh' ? SUMMARIES_ZH[e.path] : undefined;
  const example = e.path.includes('{') ? null : e.path;
  return (
    <section className="card api-endpoint" id={e.id} aria-labelledby={`${e.id}-title`} data-testid="api-endpoint">
      <h2 id={`${e.id}-title`}>
        <code>GET {e.path}</code>
      </h2>
      <p>{summary ?? <En locale={locale}>{e.summary}</En>}</p>
      {example && (
        <p>
          {d.example}
          {locale === 'en' ? ': ' : '：'}
          <a href={example}>{example}</a>
        </p>
      )}
      <h3>{d.parameters}</h3>
      {e.parameters.length === 0 ? (
        <p className="muted">{d.noParameters}</p>
      ) : (
        <ul className="api-fields" aria-label={`${d.parameters} ${e.path}`}>
          {e.parameters.map((p) => (
            <li key={`${p.in}-${p.name}`}>
              <code className="api-field-name">{p.name}</code> <span className="api-type">{p.type}</span>
              <span className="muted">
                {' · '}
                {p.in === 'path' ? d.inPath : d.inQuery} · {p.required ? d.required : d.optional}
                {p.default !== null && (
                  <>
                    {' · '}
                    {d.defaultValue} <code>{p.default}</code>
                  </>
                )}
              </span>
              <div>
                <En locale={locale}>{p.description}</En>
              </div>
              <Values values={p.values} label={d.values} locale={locale} />
            </li>
          ))}
        </ul>
      )}
      <h3>{d.answer}</h3>
      {e.answers.map((a, i) => (
        <div key={i}>
          {e.answers.length > 1 && <h4>{d.answerForm.replace('{n}', String(i + 1))}</h4>}
          {a.description && (
            <p>
              <En locale={locale}>{a.description}</En>
            </p>
          )}
          <Fields fields={a.fields} m={m} locale={locale} caption={`${d.answer} ${e.path}${e.answers.length > 1 ? ` ${i + 1}` : ''}`} />
        </div>
      ))}
      <h3>{d.errors}</h3>
      <ul>
        {e.errors.map((x) => (
          <li key={x.status}>
            <code>{x.status}</code> <En locale={locale}>{x.description}</En>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default async function ApiDocsPage() {
  const { m, locale } = await getI18n();
  const d = m.apiDocs;
  const reference = apiReference();
  return (
    <div className="stack api-docs">
      <h1>{d.title}</h1>
      <p>{d.intro}</p>
      <p>
        {d.spec} <a href="/api/openapi.json">/api/openapi.json</a> <span className="muted">(OpenAPI {reference.version})</span>
      </p>
      <section aria-labelledby="api-conventions">
        <h2 id="api-conventions">{d.conventionsTitle}</h2>
        <ul>
          {d.conventions.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        {locale === 'zh' && <p className="muted">{d.englishNote}</p>}
      </section>
      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">{d.contents}</h2>
        <ul className="api-contents">
          {reference.endpoints.map((e) => (
            <li key={e.path}>
              <a href={`#${e.id}`}>
                <code>{e.path}</code>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {reference.endpoints.map((e) => (
        <Endpoint key={e.path} e={e} m={m} locale={locale} />
      ))}
    </div>
  );
}
