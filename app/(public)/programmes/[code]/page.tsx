import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PUBLIC_CODE } from '@/lib/api/publication-query';
import { Figures } from '@/components/citizen/figures';
import { DataAsOf } from '@/components/citizen/data-as-of';
import { PublicChain } from '@/components/citizen/public-chain';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { LocalName, Official } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { getPublicChains } from '@/lib/dal/public/chain';
import { listCounties } from '@/lib/dal/public/counties';
import { getPublicProgramme } from '@/lib/dal/public/programmes';
import { evaluationRollup } from '@/lib/dal/public/evaluations';
import { EvaluationRollup } from '@/components/citizen/evaluation-rollup';
import { FUND_DISCLOSURE_KINDS } from '@/lib/domain/vocabulary';
import { getI18n } from '@/lib/i18n/server';
import { FeedbackPanel } from '@/components/participation/feedback-panel';
import { publicFeedbackAbout } from '@/lib/dal/public/feedback';
import { FollowForm } from '@/components/participation/follow-form';

export const dynamic = 'force-dynamic';

const SHOWN_STAGES = ['city', 'county', 'project', 'payee'] as const;

export default async function ProgrammePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!PUBLIC_CODE.test(code)) notFound();
  const programme = await getPublicProgramme(code);
  if (!programme) notFound();
  const [{ m, locale }, chains, counties, grades] = await Promise.all([getI18n(), getPublicChains({ programme: code }), listCounties(), evaluationRollup({ programme: code })]);
  const p = m.citizen.programme;
  const d = m.disclosure;
  return (
    <>
      <h1>
        <Official>{programme.name}</Official>
        {programme.isDemo && <DemoBadge label={m.app.demoBadge} />}
      </h1>
      <p className="lead">{p.lead}</p>
      <DataAsOf date={programme.dataAsOf} m={m} />
      <dl className="facts" data-testid="programme-facts">
        <dt>{p.code}</dt>
        <dd>{programme.code}</dd>
        <dt>{m.citizen.level}</dt>
        <dd>{m.level[programme.level]}</dd>
        <dt>{p.year}</dt>
        <dd>{programme.fiscalYear}</dd>
        {programme.managingOrg && (
          <>
            <dt>{p.managingOrg}</dt>
            <dd>
              <LocalName zh={programme.managingOrg} en={programme.managingOrgEn} locale={locale} />
            </dd>
          </>
        )}
        <dt>{p.total}</dt>
        <dd>{programme.totalFen === null ? <span className="muted">{d.amountWithheld}</span> : <Money fen={programme.totalFen} locale={locale} />}</dd>
        {programme.purpose && (
          <>
            <dt>{p.purpose}</dt>
            <dd>
              <Official>{programme.purpose}</Official>
            </dd>
          </>
        )}
      </dl>

      <h2>{p.disclosures}</h2>
      <p className="muted">{p.disclosuresLead}</p>
      <ul className="cards" data-testid="programme-disclosures">
        {FUND_DISCLOSURE_KINDS.map((kind) => {
          const items = programme.disclosures.filter((x) => x.kind === kind);
          const documents = kind === 'allocation_result' ? programme.documents.length : 0;
          return (
            <li key={kind} className="card" data-kind={kind}>
              <h3>{d.kind[kind]}</h3>
              {items.length === 0 && documents === 0 && <p className="muted">{p.notYet}</p>}
              <ul>
                {items.map((x) => (
                  <li key={x.publicationId}>
                    <Link href={`/disclosure/publications/${x.publicationId}`}>
                      <Official>{x.title}</Official>
                    </Link>
                    <span className="fen">
                      {d.version.replace('{n}', String(x.version))} · {x.publishedAt.slice(0, 10)}
                    </span>
                  </li>
                ))}
                {documents > 0 && (
                  <li>
                    <a href="#documents">
                      {p.documents} ({documents})
                    </a>
                  </li>
                )}
              </ul>
            </li>
          );
        })}
      </ul>

      <h2>{p.where}</h2>
      <Figures testId="programme-stages" locale={locale} figures={SHOWN_STAGES.map((s) => ({ key: s, label: m.citizen.stage[s], fen: programme.byStage[s], data: { stage: s } }))} />
      <EvaluationRollup rollup={grades} m={m} locale={locale} testId="programme-evaluations" />
      <h3>{p.chain}</h3>
      <PublicChain chains={chains} focus={null} m={m} locale={locale} countyCodes={new Set(counties.map((c) => c.code))} showProgramme={false} />

      <h2 id="documents">{p.documents}</h2>
      <p className="downloads">
        <a href={`/api/public/transfers?programme=${encodeURIComponent(programme.code)}&pageSize=1000&format=csv`} data-testid="download-csv">
          {m.citizen.download}
        </a>{' · '}
        <a href={`/api/public/transfers?programme=${encodeURIComponent(programme.code)}&pageSize=1000`}>JSON</a>
      </p>
      <DataTable
        testId="programme-documents"
        columns={[
          { id: 'doc', header: m.citizen.hop.docNumber },
          { id: 'sender', header: p.sender },
          { id: 'period', header: p.period },
          { id: 'lines', header: p.lines, numeric: true },
          { id: 'moved', header: p.moved, numeric: true },
        ]}
        rows={programme.documents.map((x) => ({
          _key: String(x.publicationId),
          doc: (
            <Link href={`/disclosure/publications/${x.publicationId}`}>
              <Official>{x.docNumber}</Official>
            </Link>
          ),
          sender: <LocalName zh={x.senderName} en={x.senderNameEn === x.senderName ? null : x.senderNameEn} locale={locale} />,
          period: x.first === x.last ? x.first : `${x.first} – ${x.last}`,
          lines: x.lines,
          moved: moneyCell(x.movedFen, locale),
        }))}
      />
      <FollowForm subjectType="programme" code={programme.code} f={m.follow} />
      <FeedbackPanel subject={{ type: 'programme', code: programme.code }} rows={await publicFeedbackAbout({ type: 'programme', code: programme.code })} m={m} locale={locale} />
    </>
  );
}
