import Link from 'next/link';
import { notFound } from 'next/navigation';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { AsTyped, LocalName, localText } from '@/components/ui/local-name';
import { chinaDateTime } from '@/lib/domain/china-date';
import { assignableOrganisations, feedbackItem } from '@/lib/dal/participation/items';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { AppError } from '@/lib/errors';
import { getI18n } from '@/lib/i18n/server';
import { trackingCodeSchema } from '@/lib/schemas/participation';
import { AcceptForm, AnswerForm, CloseForm, MergeForm, PublicToggle, RejectForm } from './_components/feedback-forms';

export const dynamic = 'force-dynamic';

async function load(ctx: Parameters<typeof feedbackItem>[0], code: string) {
  try {
    return await feedbackItem(ctx, code);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  }
}

/** One citizen's item: what the caller's role may do with it, and its full record. */
export default async function WorkspaceFeedbackItemPage({ params }: { params: Promise<{ trackingCode: string }> }) {
  const ctx = await requirePage('workspace.enter', '/workspace/feedback');
  const parsed = trackingCodeSchema.safeParse((await params).trackingCode);
  if (!parsed.success) notFound();
  const code = parsed.data;
  const [{ m, locale }, found] = await Promise.all([getI18n(), load(ctx, code)]);
  const p = m.participation;
  const { item, access } = found;
  const orgs = access === 'moderator' ? (await assignableOrganisations(ctx)).map((o) => ({ id: o.id, label: localText(o.name, o.nameEn, locale).text })) : [];
  const open = item.status === 'received' || item.status === 'assigned';
  return (
    <>
      <WorkspaceHeader title={`${p.kinds[item.kind]} ${item.trackingCode}`} actor={ctx.actor} m={m} locale={locale} />
      <p>
        <strong data-testid="ws-feedback-status">{p.statuses[item.status]}</strong> · {item.isPublic ? p.ws.public : p.ws.private} · <Link href={`/feedback/${item.trackingCode}`}>{p.statusTitle}</Link>
      </p>
      <p className="prewrap" data-testid="ws-feedback-text">
        <AsTyped text={item.body} />
      </p>
      <dl className="facts">
        <dt>{p.receivedAt}</dt>
        <dd>{chinaDateTime(item.createdAt)}</dd>
        {found.assignedOrg && (
          <>
            <dt>{p.org}</dt>
            <dd>
              <LocalName zh={found.assignedOrg.name} en={found.assignedOrg.nameEn} locale={locale} />
            </dd>
          </>
        )}
        {item.dueAt && (
          <>
            <dt>{p.due}</dt>
            <dd>{chinaDateTime(item.dueAt)}</dd>
          </>
        )}
        {found.contact && (
          <>
            <dt>{p.ws.contact}</dt>
            <dd data-testid="ws-feedback-contact">{found.contact}</dd>
          </>
        )}
      </dl>
      {found.photos.length > 0 && (
        <section>
          <h2>{p.ws.photos}</h2>
          <div className="feedback-photos">
            {found.photos.map((ph) => (
              // eslint-disable-next-line @next/next/no-img-element -- the workspace serves the stored, re-encoded photo
              <img key={ph.id} src={`/api/workspace/feedback/photos/${ph.id}`} width={ph.width} height={ph.height} alt={p.photoAlt} loading="lazy" />
            ))}
          </div>
        </section>
      )}
      {found.answers.length > 0 && (
        <section>
          <h2>{p.answer}</h2>
          <ol className="cards">
            {found.answers.map((a) => (
              <li key={a.id} className="card">
                <p className="muted">
                  {chinaDateTime(a.at)} · <LocalName zh={a.orgName} en={a.orgNameEn} locale={locale} />
                </p>
                <p className="prewrap">
                  <AsTyped text={a.body} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
      {access === 'moderator' && (
        <section>
          {open && <AcceptForm code={code} orgs={orgs} suggested={item.assignedOrgId ?? found.suggestedOrgId} p={p} />}
          {open && <RejectForm code={code} p={p} />}
          {open && <MergeForm code={code} p={p} />}
          {item.status === 'answered' && <CloseForm code={code} p={p} />}
          {(item.status === 'assigned' || item.status === 'answered' || item.status === 'closed') && <PublicToggle code={code} isPublic={item.isPublic} p={p} />}
        </section>
      )}
      {access === 'answerer' && (item.status === 'assigned' || item.status === 'answered') && <AnswerForm code={code} correcting={item.status === 'answered'} p={p} />}
      <section>
        <h2>{p.ws.events}</h2>
        <ol>
          {found.events.map((e, i) => (
            <li key={i}>
              {chinaDateTime(e.at)} · {p.eventNames[e.event]}
              {e.note && (
                <>
                  {' '}
                  · <AsTyped text={e.note} />
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
