import { TraceSankey } from './_components/trace-sankey';
import { TraceTables } from './_components/trace-tables';
import { LocalName, NamedOption } from '@/components/ui/local-name';
import { traceFunds, type TraceDto } from '@/lib/dal/audit/trace';
import { chainChoices } from '@/lib/dal/ledger/chain-options';
import type { NamedOption as Choice } from '@/lib/dal/ledger/named';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { AppError } from '@/lib/errors';
import { getI18n } from '@/lib/i18n/server';
import { traceQuery, traceSubjectOf } from '@/lib/schemas/trace';
import type { SearchParams } from '@/lib/table/url-state';

export const dynamic = 'force-dynamic';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const present = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

export default async function TracePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePage('audit.read', '/workspace/auditor/trace');
  const { m, locale } = await getI18n();
  const t = m.trace;
  const raw = { programme: present(one(params.programme)), project: present(one(params.project)), payee: present(one(params.payee)) };
  const asked = Object.values(raw).some((v) => v !== undefined);
  const parsed = traceQuery.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  const choices = await chainChoices(ctx);
  let dto: TraceDto | null = null;
  let problem: string | null = asked && !parsed.success ? m.errors.traceSubject : null;
  if (parsed.success && asked) {
    try {
      dto = await traceFunds(ctx, traceSubjectOf(parsed.data));
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'not_found')) throw e;
      problem = m.errors.not_found;
    }
  }
  const picker = (name: 'programme' | 'project' | 'payee', options: Choice[]) => (
    <form method="get" className="filters">
      <label>
        {t[name]}
        <select name={name} defaultValue={raw[name] ?? ''} data-testid={`trace-pick-${name}`}>
          <option value="">{t.choose}</option>
          {options.map((o) => (
            <NamedOption key={o.value} option={o} locale={locale} />
          ))}
        </select>
      </label>
      <button className="secondary" type="submit">
        {t.open}
      </button>
    </form>
  );
  const query = dto ? `${dto.subject.type}=${dto.subject.id}` : '';
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {picker('programme', choices.programmes)}
      {picker('project', choices.projects)}
      {picker('payee', choices.payees)}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {dto && (
        <>
          <h2 data-testid="trace-title">
            <LocalName zh={dto.title} en={dto.titleEn} locale={locale} />
          </h2>
          {dto.withheldRead > 0 && (
            <p className="notice" data-testid="trace-withheld-read">
              {t.withheldRead}
            </p>
          )}
          <p>
            <a href={`/api/workspace/audit/trace?${query}`} data-testid="trace-download" download>
              {t.download}
            </a>
          </p>
          {dto.trace.transfers.length === 0 ? (
            <p className="muted">{t.none}</p>
          ) : (
            <>
              <TraceSankey dto={dto} m={m} locale={locale} />
              <TraceTables dto={dto} m={m} locale={locale} />
            </>
          )}
        </>
      )}
    </>
  );
}
