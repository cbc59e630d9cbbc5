import { notFound } from 'next/navigation';
import { DiffTable } from '@/components/disclosure/diff-table';
import { TransferLines } from '@/components/disclosure/transfer-lines';
import { DemoBadge } from '@/components/ui/demo-badge';
import { LocalName, Official } from '@/components/ui/local-name';
import { getPublicationSeries } from '@/lib/dal/public/disclosure';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';
import { FeedbackPanel } from '@/components/participation/feedback-panel';
import { publicFeedbackAbout } from '@/lib/dal/public/feedback';

export const dynamic = 'force-dynamic';

export default async function PublicationPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  // A withheld publication is answered exactly like one that never existed.
  const series = id ? await getPublicationSeries(id) : null;
  if (!series) notFound();
  const { m, locale } = await getI18n();
  const colon = locale === 'zh' ? '：' : ': ';
  const d = m.disclosure;
  const latest = series.versions.at(-1)!;
  return (
    <>
      <h1>
        <Official>{latest.title}</Official>
        {latest.isDemo && <DemoBadge label={m.app.demoBadge} />}
      </h1>
      <p className="muted">{d.kind[series.kind]}</p>
      <h2>{d.versions}</h2>
      <ol className="cards" data-testid="versions" reversed>
        {[...series.versions].reverse().map((v) => (
          <li key={v.id} className="card" id={`v${v.version}`}>
            <h3>{d.version.replace('{n}', String(v.version))}</h3>
            <dl className="facts">
              <dt>{d.issuer}</dt>
              <dd>
                <LocalName zh={v.issuerName} en={v.issuerNameEn} locale={locale} />
              </dd>
              <dt>{d.published}</dt>
              <dd>{v.publishedAt.slice(0, 10)}</dd>
              <dt>{d.docNumber}</dt>
              <dd>{v.docNumber ? <Official>{v.docNumber}</Official> : '—'}</dd>
              <dt>{d.dataAsOf}</dt>
              <dd>{v.dataAsOf}</dd>
              <dt>{d.contentHash}</dt>
              <dd className="hash" data-testid="content-hash">
                {v.contentHash}
              </dd>
            </dl>
            <p>
              <Official>{v.notice}</Official>
            </p>
            {v.redacted && <p className="notice">{d.redacted}</p>}
            <TransferLines content={v.content} m={m} locale={locale} />
            {v.changeReason && (
              <p>
                <strong>
                  {d.changeReason}
                  {colon}
                </strong>
                <Official>{v.changeReason}</Official>
              </p>
            )}
            {v.version === 1 ? <p className="muted">{d.noChanges}</p> : <DiffTable changes={v.changes} m={m} />}
            <details>
              <summary>{d.content}</summary>
              <pre lang="zh-CN">{JSON.stringify(v.content, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
      <FeedbackPanel subject={{ type: 'publication', id: latest.id }} rows={await publicFeedbackAbout({ type: 'publication', id: latest.id })} m={m} locale={locale} />
    </>
  );
}
