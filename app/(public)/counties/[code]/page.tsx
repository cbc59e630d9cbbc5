import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PUBLIC_CODE } from '@/lib/api/publication-query';
import { Figures } from '@/components/citizen/figures';
import { DataAsOf } from '@/components/citizen/data-as-of';
import { HopsTable } from '@/components/citizen/hops-table';
import { LevelStrip } from '@/components/citizen/level-strip';
import { CompletenessGaps } from '@/components/disclosure/completeness-gaps';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';
import { LocalName, Official } from '@/components/ui/local-name';
import { getCountyMoney, listCounties } from '@/lib/dal/public/counties';
import { evaluationRollup } from '@/lib/dal/public/evaluations';
import { EvaluationRollup } from '@/components/citizen/evaluation-rollup';
import { listPublicLateDisclosures } from '@/lib/dal/public/disclosure';
import { totalOf } from '@/lib/domain/level-sums';
import { searchProjects } from '@/lib/dal/public/projects';
import { FUND_LEVELS } from '@/lib/domain/vocabulary';
import { getI18n } from '@/lib/i18n/server';
import { FeedbackPanel } from '@/components/participation/feedback-panel';
import { publicFeedbackAbout } from '@/lib/dal/public/feedback';
import { FollowForm } from '@/components/participation/follow-form';

export const dynamic = 'force-dynamic';

const PROJECTS_SHOWN = 50;

export default async function CountyPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  // A code is letters, digits and hyphens: anything else (a stray %, say) is no county, never a decoding error.
  if (!PUBLIC_CODE.test(code)) notFound();
  const money = await getCountyMoney(code);
  if (!money) notFound();
  const [{ m, locale, t }, counties, projects, late, grades] = await Promise.all([
    getI18n(),
    listCounties(),
    searchProjects({ county: money.county.code, sort: 'received', dir: 'desc', page: 1, pageSize: PROJECTS_SHOWN }),
    listPublicLateDisclosures({ countyCode: money.county.code }),
    evaluationRollup({ county: money.county.code }),
  ]);
  const c = m.citizen.county;
  const name = locale === 'en' ? money.county.nameEn : money.county.name;
  const received = totalOf(money.received);
  return (
    <>
      <h1>{t('citizen.county.title', { name })}</h1>
      <p className="lead">{t('citizen.county.lead', { name })}</p>
      <DataAsOf date={money.dataAsOf} m={m} />
      <Figures
        testId="county-totals"
        locale={locale}
        figures={[
          { key: 'received', label: c.received, fen: received, testId: 'county-received' },
          { key: 'passed', label: c.passedOn, fen: money.passedOnFen },
        ]}
      />
      <LevelStrip sums={money.received} m={m} locale={locale} testId="county-levels" />
      <EvaluationRollup rollup={grades} m={m} locale={locale} testId="county-evaluations" />

      <h2>{c.byYear}</h2>
      <DataTable
        testId="county-years"
        columns={[
          { id: 'year', header: m.citizen.year },
          ...FUND_LEVELS.map((l): ColumnSpec => ({ id: l, header: m.level[l], numeric: true })),
          { id: 'total', header: c.received, numeric: true },
          { id: 'passed', header: c.passedOn, numeric: true },
        ]}
        rows={money.years.map((y): Row => ({
          _key: y.year,
          year: y.year,
          ...Object.fromEntries(FUND_LEVELS.map((l) => [l, moneyCell(y.received[l], locale)])),
          total: moneyCell(totalOf(y.received), locale),
          passed: moneyCell(y.passedOnFen, locale),
        }))}
      />

      <h2>{c.projects}</h2>
      <DataTable
        testId="county-projects"
        columns={[
          { id: 'code', header: m.citizen.projects.code },
          { id: 'name', header: m.citizen.projects.name },
          { id: 'received', header: m.citizen.projects.received, numeric: true },
          { id: 'paid', header: m.citizen.projects.paid, numeric: true },
        ]}
        rows={projects.rows.map((p) => ({
          _key: p.code,
          code: { text: p.code, href: `/projects/${encodeURIComponent(p.code)}` },
          name: <Official>{p.name}</Official>,
          received: moneyCell(p.receivedFen, locale),
          paid: moneyCell(p.paidFen, locale),
        }))}
      />
      <p>
        <Link href={`/projects?county=${money.county.code}`}>
          {c.allProjects} ({m.citizen.projects.ofTotal.replace('{total}', String(projects.total))})
        </Link>
      </p>

      <h2>{c.hops}</h2>
      <p className="downloads">
        <a href={`/api/public/transfers?party=${money.county.code}&pageSize=1000&format=csv`} data-testid="download-csv">
          {m.citizen.download}
        </a>{' · '}
        <a href={`/api/public/transfers?party=${money.county.code}&pageSize=1000`}>JSON</a>
      </p>
      <HopsTable hops={money.hops} m={m} locale={locale} countyCodes={new Set(counties.map((x) => x.code))} testId="county-hops" />

      <h2>{c.late}</h2>
      <CompletenessGaps gaps={late} empty={c.lateEmpty} m={m} locale={locale} testId="county-late" />

      <h2>{c.others}</h2>
      <nav className="filters" aria-label={c.others}>
        {counties
          .filter((x) => x.code !== money.county.code)
          .map((x) => (
            <Link key={x.code} href={`/counties/${x.code}`}>
              <LocalName zh={x.name} en={x.nameEn} locale={locale} />
            </Link>
          ))}
      </nav>
      <FollowForm subjectType="county" code={money.county.code} f={m.follow} />
      <FeedbackPanel subject={{ type: 'county', code: money.county.code }} rows={await publicFeedbackAbout({ type: 'county', code: money.county.code })} m={m} locale={locale} />
    </>
  );
}
