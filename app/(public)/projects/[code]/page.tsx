import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PUBLIC_CODE } from '@/lib/api/publication-query';
import { Figures } from '@/components/citizen/figures';
import { DataAsOf } from '@/components/citizen/data-as-of';
import { HopsTable } from '@/components/citizen/hops-table';
import { PublicChain } from '@/components/citizen/public-chain';
import { CompletenessGaps } from '@/components/disclosure/completeness-gaps';
import { CompletenessTable } from '@/components/disclosure/completeness-table';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { LocalName, Official } from '@/components/ui/local-name';
import { getPublicChains } from '@/lib/dal/public/chain';
import { listCounties } from '@/lib/dal/public/counties';
import { listPublicLateDisclosures } from '@/lib/dal/public/disclosure';
import { getProjectCompleteness, listProjectPublications, listProjectTargets } from '@/lib/dal/public/project-disclosure';
import { getPublicProject } from '@/lib/dal/public/projects';
import { listProjectEvaluations } from '@/lib/dal/public/evaluations';
import { getProjectRatings } from '@/lib/dal/public/ratings';
import { EvaluationResults } from './_components/evaluation-results';
import { ProjectRatings } from './_components/project-ratings';
import { getI18n } from '@/lib/i18n/server';
import { FollowForm } from '@/components/participation/follow-form';
import { RatingForm } from './_components/rating-form';
import { isProjectRatable } from '@/lib/dal/participation/ratings';
import { PerformanceTargets } from './_components/performance-targets';
import { FeedbackPanel } from '@/components/participation/feedback-panel';
import { publicFeedbackAbout } from '@/lib/dal/public/feedback';

export const dynamic = 'force-dynamic';

export default async function ProjectPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!PUBLIC_CODE.test(code)) notFound();
  const detail = await getPublicProject(code);
  if (!detail) notFound();
  const [{ m, locale }, counties, late, chains, publications, completeness, targets, evaluations, ratings, ratable] = await Promise.all([
    getI18n(),
    listCounties(),
    listPublicLateDisclosures({ projectCode: detail.project.code }),
    getPublicChains({ project: detail.project.code }),
    listProjectPublications(detail.project.code),
    getProjectCompleteness(detail.project.code),
    listProjectTargets(detail.project.code),
    listProjectEvaluations(detail.project.code),
    getProjectRatings(detail.project.code),
    isProjectRatable(detail.project.code),
  ]);
  const { project, funding, payees, hops, timeline } = detail;
  const p = m.citizen.project;
  const countyCodes = new Set(counties.map((c) => c.code));
  const named = (n: { name: string; nameEn: string } | null) => (n ? <LocalName zh={n.name} en={n.nameEn} locale={locale} /> : '—');
  return (
    <>
      <p className="muted">
        <Link href="/projects">{m.citizen.projects.title}</Link>
      </p>
      <h1>
        <Official>{project.name}</Official>
        {(project.isDemo || hops.some((h) => h.isDemo)) && <DemoBadge label={m.app.demoBadge} />}
      </h1>
      <DataAsOf date={detail.dataAsOf} m={m} />

      <h2>{p.facts}</h2>
      <dl className="facts" data-testid="project-facts">
        <dt>{p.code}</dt>
        <dd>{project.code}</dd>
        <dt>{p.counties}</dt>
        <dd>
          {project.countyCodes.map((c, i) => {
            const county = counties.find((x) => x.code === c);
            return (
              <span key={c}>
                {i > 0 && (locale === 'en' ? ', ' : '、')}
                <Link href={`/counties/${c}`}>{county ? <LocalName zh={county.name} en={county.nameEn} locale={locale} /> : c}</Link>
              </span>
            );
          })}
        </dd>
        {project.town && (
          <>
            <dt>{p.town}</dt>
            <dd>
              <Official>{project.town}</Official>
            </dd>
          </>
        )}
        <dt>{p.zone}</dt>
        <dd>{project.zone ? <Link href={`/projects?zone=${project.zone.code}`}>{named(project.zone)}</Link> : '—'}</dd>
        <dt>{p.keyArea}</dt>
        <dd>{project.keyArea ? <Link href={`/projects?keyArea=${project.keyArea.code}`}>{named(project.keyArea)}</Link> : '—'}</dd>
        <dt>{p.group}</dt>
        <dd>{project.group ? <Link href={`/projects?group=${project.group.code}`}>{named(project.group)}</Link> : '—'}</dd>
        <dt>{p.type}</dt>
        <dd>
          <Link href={`/projects?type=${project.type.code}`}>{named(project.type)}</Link>
        </dd>
        <dt>{p.implementingUnit}</dt>
        <dd>{named(project.implementingUnit)}</dd>
        {(project.plannedStart || project.plannedEnd) && (
          <>
            <dt>{p.planned}</dt>
            <dd>
              {project.plannedStart ?? '…'} – {project.plannedEnd ?? '…'}
            </dd>
          </>
        )}
        <dt>{p.stage}</dt>
        <dd>{project.stage ? named(project.stage) : '—'}</dd>
      </dl>
      {project.description && (
        <>
          <h3>{p.description}</h3>
          <p>
            <Official>{project.description}</Official>
          </p>
        </>
      )}

      <h2>{p.funding}</h2>
      <p className="muted">{p.fundingLead}</p>
      <Figures
        testId="project-totals"
        locale={locale}
        figures={[
          { key: 'received', label: p.received, fen: project.receivedFen },
          { key: 'paid', label: p.paid, fen: project.paidFen },
          { key: 'held', label: p.held, fen: project.receivedFen - project.paidFen },
        ]}
      />
      {funding.length === 0 ? (
        <p className="muted">{p.fundingEmpty}</p>
      ) : (
        <DataTable
          testId="project-funding"
          columns={[
            { id: 'level', header: m.citizen.level },
            { id: 'amount', header: p.received, numeric: true },
            { id: 'documents', header: m.citizen.hop.docNumber },
          ]}
          rows={funding.map((f) => ({
            _key: f.level,
            _row: { data: { level: f.level } },
            level: m.level[f.level],
            amount: moneyCell(f.receivedFen, locale),
            documents: (
              <>
                {f.documents.map((d) => (
                  <span key={d.docNumber} className="fen">
                    <Link href={`/disclosure/publications/${d.publicationId}`}>
                      <Official>{d.docNumber}</Official>
                    </Link>{' '}
                    {d.date}
                  </span>
                ))}
              </>
            ),
          }))}
        />
      )}

      <h2>{p.targets}</h2>
      <p className="muted">{p.targetsLead}</p>
      <PerformanceTargets funded={targets} m={m} />

      <h2>{p.payees}</h2>
      {payees.length === 0 ? (
        <p className="muted">{p.payeesEmpty}</p>
      ) : (
        <DataTable
          testId="project-payees"
          columns={[
            { id: 'payee', header: m.citizen.name },
            { id: 'amount', header: p.paid, numeric: true },
          ]}
          rows={payees.map((x) => ({
            _key: x.code,
            payee: (
              <Link href={`/payees/${encodeURIComponent(x.code)}`}>
                <LocalName zh={x.name} en={x.nameEn} locale={locale} />
              </Link>
            ),
            amount: moneyCell(x.paidFen, locale),
          }))}
        />
      )}

      <h2>{m.citizen.chain.title}</h2>
      <p className="muted">{m.citizen.chain.lead}</p>
      <PublicChain chains={chains} focus={project.code} m={m} locale={locale} countyCodes={countyCodes} />

      <h2>{p.hops}</h2>
      <p className="downloads">
        <a href={`/api/public/transfers?project=${encodeURIComponent(project.code)}&pageSize=1000&format=csv`} data-testid="download-csv">
          {m.citizen.download}
        </a>{' · '}
        <a href={`/api/public/transfers?project=${encodeURIComponent(project.code)}&pageSize=1000`}>JSON</a>
      </p>
      <HopsTable hops={hops} m={m} locale={locale} countyCodes={countyCodes} testId="project-hops" />

      <h2>{p.timeline}</h2>
      {timeline.length === 0 ? (
        <p className="muted">{p.timelineEmpty}</p>
      ) : (
        <ol data-testid="project-timeline">
          {timeline.map((s, i) => (
            <li key={i}>
              {s.at.slice(0, 10)} · <LocalName zh={s.stageName} en={s.stageNameEn} locale={locale} /> · <LocalName zh={s.organisationName} en={s.organisationNameEn} locale={locale} />
            </li>
          ))}
        </ol>
      )}

      <h2 id="evaluations">{m.evaluation.publicTitle}</h2>
      <EvaluationResults results={evaluations} m={m} locale={locale} />

      <h2 id="ratings">{p.ratings}</h2>
      <p className="muted">{p.ratingsLead}</p>
      <ProjectRatings ratings={ratings} m={m} />

      <h2>{p.publications}</h2>
      <p className="muted">{p.publicationsLead}</p>
      {publications.length === 0 ? (
        <p className="muted">{p.publicationsEmpty}</p>
      ) : (
        <DataTable
          testId="project-publications"
          columns={[
            { id: 'kind', header: p.publicationKind },
            { id: 'title', header: p.publicationTitle },
            { id: 'version', header: p.publicationVersion },
            { id: 'published', header: p.publishedAt },
          ]}
          rows={publications.flatMap((series) =>
            series.versions.map((v) => ({
              _key: String(v.id),
              _row: { data: { publication: String(v.id), kind: v.kind } },
              kind: m.disclosure.kind[v.kind],
              title: (
                <>
                  <Link href={`/disclosure/publications/${v.id}`}>
                    <Official>{v.title}</Official>
                  </Link>
                  {v.isDemo && <DemoBadge label={m.app.demoBadge} />}
                </>
              ),
              version: p.versionN.replace('{n}', String(v.version)),
              published: v.publishedOn,
            })),
          )}
        />
      )}

      <h2>{p.completeness}</h2>
      <p className="muted">
        {p.completenessLead} <Link href="/disclosure/completeness">{m.disclosure.completenessTitle}</Link>
      </p>
      {completeness.score === null ? (
        <p className="muted" data-testid="project-completeness-none">
          {p.completenessNone}
        </p>
      ) : (
        <CompletenessTable rows={[{ id: 0, name: project.name, nameEn: null, gaps: [], ...completeness }]} m={m} locale={locale} testId="project-completeness" />
      )}

      <h2>{p.late}</h2>
      <CompletenessGaps gaps={late} empty={p.lateEmpty} m={m} locale={locale} testId="project-late" />
      <FollowForm subjectType="project" code={project.code} f={m.follow} />
      {ratable && <RatingForm code={project.code} f={m.follow} />}
      <FeedbackPanel subject={{ type: 'project', code: detail.project.code }} rows={await publicFeedbackAbout({ type: 'project', code: detail.project.code })} m={m} locale={locale} />
    </>
  );
}
