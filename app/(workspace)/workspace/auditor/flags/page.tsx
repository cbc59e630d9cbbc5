import Link from 'next/link';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';
import { Pager } from '@/components/table/pager';
import { LocalName } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { RECONCILIATION_RULES, RULE_GROUPS, type ReconciliationSettingKey, type ReconciliationSettings } from '@/lib/audit/reconciliation/rules';
import { ROUTES } from '@/lib/auth/routes';
import { listFlags } from '@/lib/dal/audit/flags';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { translate, type Locale } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import { flagFilterSchema } from '@/lib/schemas/reconciliation';
import { parseTableState, withParams, type SearchParams } from '@/lib/table/url-state';
import { FlagFigures } from './_components/flag-figures';

export const dynamic = 'force-dynamic';

/** A setting a rule uses, with its value as in force (an amount through the one money component). */
function SettingText({ locale, setting, s }: { locale: Locale; setting: ReconciliationSettingKey; s: ReconciliationSettings }) {
  const value =
    setting === 'split_threshold_fen' ? <Money fen={s.splitThresholdFen} locale={locale} /> : { idle_days: s.idleDays, split_band_bp: s.splitBandBp / 100, split_window_days: s.splitWindowDays }[setting];
  const [before, after] = translate(locale, `flags.settings.${setting}`, { value: '\u0000' }).split('\u0000');
  return (
    <span className="fen" data-setting={setting}>
      {before}
      {value}
      {after}
    </span>
  );
}

export default async function ReconciliationFlagsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePage('audit.read', '/workspace/auditor/flags');
  const { m, t, locale } = await getI18n();
  const filter = flagFilterSchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const state = parseTableState(params, { sorts: ['rule'] as const, defaultSort: 'rule', filters: {}, pageSizes: [50, 100, 200] });
  const { flags, settings, organisations, periods } = await listFlags(ctx, { rule: filter.rule, group: filter.group, organisationId: filter.org, period: filter.year });
  const f = m.flags;
  const shown = flags.slice((state.page - 1) * state.pageSize, state.page * state.pageSize);
  const columns: ColumnSpec[] = [
    { id: 'rule', header: f.rule },
    { id: 'organisation', header: f.organisation },
    { id: 'period', header: f.period, numeric: true },
    { id: 'subject', header: f.subject },
    { id: 'figures', header: f.figures },
    { id: 'note', header: f.note },
    { id: 'key', header: f.key },
  ];
  const rows: Row[] = shown.map((x) => ({
    _key: x.key,
    _row: { data: { rule: x.rule } },
    rule: { text: f.rules[x.rule].title, sub: `${f.severities[x.severity]} · ${f.groups[x.group]}` },
    organisation: <LocalName zh={x.organisation} en={x.organisationEn} locale={locale} />,
    period: x.period,
    subject: { text: x.subject, href: x.href ?? undefined, badge: x.isDemo ? m.app.demoBadge : undefined, lang: locale === 'en' ? 'zh' : undefined },
    figures: <FlagFigures amounts={x.amounts} days={x.days} count={x.count} m={m} locale={locale} />,
    note: x.note,
    key: { text: x.key, sub: m.findings.newFinding, href: `${ROUTES.newFinding.path}?type=flag&ref=${encodeURIComponent(x.key)}` },
  }));
  const csvHref = `/api/workspace/audit/flags${withParams(params, { page: undefined, size: undefined, sort: undefined, dir: undefined })}`;
  return (
    <>
      <h1>{f.title}</h1>
      <p className="muted">{f.intro}</p>
      <p>
        <Link href={ROUTES.reconciliationOverview.path}>{f.toOverview}</Link>
      </p>
      <form className="filters" method="get">
        <label>
          {f.rule}
          <select name="rule" defaultValue={filter.rule ?? ''}>
            <option value="">{f.allRules}</option>
            {RECONCILIATION_RULES.map((r) => (
              <option key={r.id} value={r.id}>
                {f.rules[r.id].title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {f.group}
          <select name="group" defaultValue={filter.group ?? ''}>
            <option value="">{f.allGroups}</option>
            {RULE_GROUPS.map((g) => (
              <option key={g} value={g}>
                {f.groups[g]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {f.organisation}
          <select name="org" defaultValue={filter.org ? String(filter.org) : ''}>
            <option value="">{f.allOrganisations}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {locale === 'en' && o.nameEn ? o.nameEn : o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {f.period}
          <select name="year" defaultValue={filter.year ? String(filter.year) : ''}>
            <option value="">{f.allPeriods}</option>
            {periods.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button className="secondary" type="submit">
          {f.filter}
        </button>
        <a href={csvHref} download data-testid="flags-csv">
          {f.downloadCsv}
        </a>
      </form>
      <p data-testid="flags-count">{t('flags.count', { count: flags.length })}</p>
      {flags.length === 0 ? <p className="muted">{f.none}</p> : <DataTable columns={columns} rows={rows} testId="reconciliation-flags" />}
      <Pager params={params} page={state.page} pageSize={state.pageSize} total={flags.length} labels={{ prev: m.ledgerUi.prev, next: m.ledgerUi.next, of: m.ledgerUi.ofTotal }} />
      <h2>{f.rulesTitle}</h2>
      <dl className="rule-list" data-testid="reconciliation-rules">
        {RECONCILIATION_RULES.map((r) => (
          <div key={r.id} id={`rule-${r.id}`}>
            <dt>
              {f.rules[r.id].title} <span className="muted">({f.severities[r.severity]} · {f.groups[r.group]})</span>
            </dt>
            <dd>
              {f.rules[r.id].explain}
              {r.settings.length > 0 && (
                <>
                  <span className="fen">{f.setting}</span>
                  {r.settings.map((k) => (
                    <SettingText key={k} locale={locale} setting={k} s={settings} />
                  ))}
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
