import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { allocationBatches, citizenContacts, citizenTokens, follows, projectRatings } from '@/db/schema';
import type { MailConfig } from '@/lib/mail/config';
import type { MailMessage } from '@/lib/mail/transport';
import { CITIZEN_MAIL_TOPIC, confirmationToken, unfollowToken, type CitizenMailPayload } from './confirmations';
import { CONFIRM_LINK_DAYS } from './links';
import { publicSubjectByCode, publicSubjectById, subjectPath, type CitizenSubjectType, type PublicSubject } from './subjects';

/** Outbox topics that mail citizens, besides `stage_changed`. */
export const PUBLICATION_TOPIC = 'publication_published';
export const FEEDBACK_ANSWERED_TOPIC = 'feedback_answered';

export interface OutboxEvent {
  id: number;
  topic: string;
  payload: unknown;
}

export interface OutgoingMail {
  contactId: number;
  message: MailMessage;
}

interface Content {
  subject: string;
  /** The lines about the event; the footer (links) is added per recipient. */
  lines: string[];
}

/** Same event, same person, same id: a receiver that saw it once can drop a repeat. */
export const messageIdFor = (outboxId: number, contactId: number, config: Pick<MailConfig, 'baseUrl'>) =>
  `<outbox-${outboxId}.contact-${contactId}@${new URL(config.baseUrl).hostname}>`;

const FOOTER_ZH = '阳泉市生态修复资金公开平台';
const FOOTER_EN = 'Yangquan restoration-fund transparency portal';

/**
 * The mails an outbox row still owes, each checked against the public read model now: an event
 * the public cannot see (a withheld project, a publication taken down, an unpublished answer)
 * mails no one. Recipients already in email_deliveries for this row are left out.
 */
export async function mailsOwed(q: Queryable, event: OutboxEvent, config: MailConfig, now: Date): Promise<OutgoingMail[]> {
  if (event.topic === CITIZEN_MAIL_TOPIC) return confirmationMail(q, event.id, event.payload as CitizenMailPayload, config, now);
  const found = await followedEvent(q, event, config);
  if (!found || !found.subjects.length) return [];
  const followers = await confirmedFollowers(q, event.id, found.subjects);
  const mails: OutgoingMail[] = [];
  for (const f of followers) {
    const token = await unfollowToken(q, f.followId);
    const leave = `${config.baseUrl}/follow/leave/${token}`;
    const lines = [
      ...found.content.lines,
      '',
      `您收到此邮件，是因为您关注了「${f.subjectName}」。You follow “${f.subjectName}” on the ${FOOTER_EN}.`,
      `取消关注 Unfollow: ${leave}`,
      `— ${FOOTER_ZH}`,
    ];
    mails.push({
      contactId: f.contactId,
      message: {
        to: f.email,
        subject: found.content.subject,
        text: lines.join('\n'),
        messageId: messageIdFor(event.id, f.contactId, config),
        unsubscribeUrl: `${config.baseUrl}/api/public/follow/leave/${token}`,
      },
    });
  }
  return mails;
}


async function followedEvent(q: Queryable, event: OutboxEvent, config: MailConfig): Promise<{ subjects: PublicSubject[]; content: Content } | null> {
  if (event.topic === 'stage_changed') return stageChanged(q, event.payload as { itemId: number; kind: string; to: string }, config);
  if (event.topic === PUBLICATION_TOPIC) return publication(q, (event.payload as { publicationId: number }).publicationId, config);
  if (event.topic === FEEDBACK_ANSWERED_TOPIC) return feedbackAnswered(q, (event.payload as { feedbackId: number }).feedbackId, config);
  return null;
}

async function stageChanged(q: Queryable, e: { itemId: number; kind: string; to: string }, config: MailConfig) {
  // The transition as the public timeline shows it: none for a non-public stage or a withheld subject.
  const [step] = rowsOf<{ project_id: number | null; batch_id: number | null; stage_name: string; stage_name_en: string }>(
    await q.execute(sql`SELECT project_id, batch_id, stage_name, stage_name_en FROM public_item_timeline WHERE item_id = ${e.itemId} AND stage = ${e.to} ORDER BY at DESC LIMIT 1`),
  );
  if (!step) return null;
  let subject: PublicSubject | null = null;
  if (step.project_id !== null) subject = await publicSubjectById(q, 'project', Number(step.project_id));
  else if (step.batch_id !== null) {
    const [batch] = await q.select({ programmeId: allocationBatches.programmeId }).from(allocationBatches).where(eq(allocationBatches.id, Number(step.batch_id)));
    subject = batch ? await publicSubjectById(q, 'programme', batch.programmeId) : null;
  }
  if (!subject) return null;
  const what = subject.type === 'project' ? '项目' : '专项资金';
  return {
    subjects: [subject],
    content: {
      subject: `${subject.name}：进入「${step.stage_name}」阶段`,
      lines: [
        `${what}「${subject.name}」（${subject.code}）进入「${step.stage_name}」阶段。`,
        `“${subject.name}” (${subject.code}) has moved to the stage “${step.stage_name_en}”.`,
        `${config.baseUrl}${subjectPath(subject)}`,
      ],
    },
  };
}

async function publication(q: Queryable, publicationId: number, config: MailConfig) {
  const [pub] = rowsOf<{ id: number; title: string }>(await q.execute(sql`SELECT id, title FROM public_publications WHERE id = ${publicationId}`));
  if (!pub) return null;
  // What the publication is about, as its own bookkeeping records it; a line of a document counts
  // only while the public content still lists it (a withheld transfer's line names no one).
  const named = rowsOf<{ project_id: number | null; programme_id: number | null }>(
    await q.execute(sql`SELECT DISTINCT pi.project_id, pi.programme_id FROM publication_items pi
      JOIN public_publications pp ON pp.id = pi.publication_id
      WHERE pi.publication_id = ${publicationId}
        AND (pi.path IS NULL OR (pi.transfer_id IS NOT NULL AND EXISTS (
          SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(pp.content->'lines') = 'array' THEN pp.content->'lines' ELSE '[]'::jsonb END) l
          WHERE (l->>'transferId') = pi.transfer_id::text)))`),
  );
  const projectIds = [...new Set(named.flatMap((n) => (n.project_id === null ? [] : [Number(n.project_id)])))];
  const programmeIds = [...new Set(named.flatMap((n) => (n.programme_id === null ? [] : [Number(n.programme_id)])))];
  const subjects: PublicSubject[] = [];
  for (const id of projectIds) {
    const s = await publicSubjectById(q, 'project', id);
    if (s) subjects.push(s);
  }
  for (const id of programmeIds) {
    const s = await publicSubjectById(q, 'programme', id);
    if (s) subjects.push(s);
  }
  // A county's followers hear of what is published about the public projects in it.
  const shownProjects = subjects.filter((s) => s.type === 'project').map((s) => s.id);
  if (shownProjects.length) {
    const counties = rowsOf<{ county_id: number }>(
      await q.execute(sql`SELECT DISTINCT county_id FROM project_counties WHERE project_id IN (SELECT value::int FROM jsonb_array_elements_text(${JSON.stringify(shownProjects)}::jsonb))`),
    );
    for (const c of counties) {
      const s = await publicSubjectById(q, 'county', Number(c.county_id));
      if (s) subjects.push(s);
    }
  }
  return {
    subjects,
    content: {
      subject: `新公开：${pub.title}`,
      lines: [`新公开信息：${pub.title}`, `New disclosure: ${pub.title}`, `${config.baseUrl}/disclosure/publications/${pub.id}`],
    },
  };
}

async function feedbackAnswered(q: Queryable, feedbackId: number, config: MailConfig) {
  const [item] = rowsOf<{ tracking_code: string; subject_type: string; subject_code: string | null; body: string; answer: string | null; org_name: string | null }>(
    await q.execute(sql`SELECT tracking_code, subject_type, subject_code, body, answer, org_name FROM public_feedback WHERE id = ${feedbackId}`),
  );
  if (!item || item.answer === null || item.subject_code === null || !['project', 'programme', 'county'].includes(item.subject_type)) return null;
  const subject = await publicSubjectByCode(q, item.subject_type as CitizenSubjectType, item.subject_code);
  if (!subject) return null;
  const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
  return {
    subjects: [subject],
    content: {
      subject: `「${subject.name}」的公众意见已答复`,
      lines: [
        `关于「${subject.name}」的公众意见已${item.org_name ? `由${item.org_name}` : ''}答复。A question about “${subject.name}” has been answered.`,
        '',
        `问 Q: ${excerpt(item.body, 500)}`,
        `答 A: ${excerpt(item.answer, 2000)}`,
        '',
        `${config.baseUrl}/feedback/${encodeURIComponent(item.tracking_code)}`,
      ],
    },
  };
}

interface Follower {
  followId: number;
  contactId: number;
  email: string;
  subjectName: string;
}

/** Confirmed e-mail followers of any of the subjects, each address once (its first subject's follow), minus those already mailed. */
async function confirmedFollowers(q: Queryable, outboxId: number, subjects: PublicSubject[]): Promise<Follower[]> {
  const keys = JSON.stringify(subjects.map((s) => [s.type, s.id]));
  const rows = rowsOf<{ follow_id: number; contact_id: number; email: string; subject_type: string; subject_id: number }>(
    await q.execute(sql`SELECT f.id AS follow_id, f.citizen_contact_id AS contact_id, c.email, f.subject_type, f.subject_id
      FROM ${follows} f JOIN ${citizenContacts} c ON c.id = f.citizen_contact_id
      WHERE f.confirmed_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(${keys}::jsonb) k WHERE k->>0 = f.subject_type AND (k->>1)::int = f.subject_id)
        AND NOT EXISTS (SELECT 1 FROM email_deliveries d WHERE d.outbox_id = ${outboxId} AND d.contact_id = f.citizen_contact_id)
      ORDER BY f.id`),
  );
  const rank = (r: { subject_type: string; subject_id: number }) => subjects.findIndex((s) => s.type === r.subject_type && s.id === Number(r.subject_id));
  const byContact = new Map<number, Follower & { rank: number }>();
  for (const r of rows) {
    const contactId = Number(r.contact_id);
    const k = rank(r);
    const seen = byContact.get(contactId);
    if (!seen || k < seen.rank) byContact.set(contactId, { followId: Number(r.follow_id), contactId, email: r.email, subjectName: subjects[k]!.name, rank: k });
  }
  return [...byContact.values()].sort((a, b) => a.contactId - b.contactId).map((f) => ({ followId: f.followId, contactId: f.contactId, email: f.email, subjectName: f.subjectName }));
}

async function confirmationMail(q: Queryable, outboxId: number, payload: CitizenMailPayload, config: MailConfig, now: Date): Promise<OutgoingMail[]> {
  const [token] = await q.select().from(citizenTokens).where(eq(citizenTokens.id, payload.tokenId));
  // A link already used, replaced by a newer request or expired is not worth a mail.
  if (!token || token.usedAt || (token.expiresAt && token.expiresAt <= now)) return [];
  const [already] = rowsOf(await q.execute(sql`SELECT 1 FROM email_deliveries WHERE outbox_id = ${outboxId} AND contact_id = ${token.contactId}`));
  if (already) return [];
  const [contact] = await q.select({ email: citizenContacts.email }).from(citizenContacts).where(eq(citizenContacts.id, token.contactId));
  let subject: PublicSubject | null = null;
  if (payload.purpose === 'confirm_follow') {
    const [f] = await q.select({ type: follows.subjectType, id: follows.subjectId }).from(follows).where(eq(follows.id, token.targetId));
    subject = f && f.type !== 'batch' ? await publicSubjectById(q, f.type, f.id) : null;
  } else {
    const [r] = await q.select({ projectId: projectRatings.projectId }).from(projectRatings).where(eq(projectRatings.id, token.targetId));
    subject = r ? await publicSubjectById(q, 'project', r.projectId) : null;
  }
  if (!contact || !subject) return [];
  const link = `${config.baseUrl}/${payload.purpose === 'confirm_follow' ? 'follow' : 'ratings'}/confirm/${await confirmationToken(q, payload)}`;
  const lines =
    payload.purpose === 'confirm_follow'
      ? [
          `有人（希望是您）请求以此邮箱关注「${subject.name}」（${subject.code}）的进展。确认请打开：`,
          `Someone (hopefully you) asked to follow “${subject.name}” (${subject.code}) with this address. To confirm, open:`,
        ]
      : [
          `有人（希望是您）以此邮箱为项目「${subject.name}」（${subject.code}）打了 ${payload.prefix.replace('.', '')} 分。确认请打开：`,
          `Someone (hopefully you) rated the project “${subject.name}” (${subject.code}) ${payload.prefix.replace('.', '')} of 5 with this address. To confirm, open:`,
        ];
  return [
    {
      contactId: token.contactId,
      message: {
        to: contact.email,
        subject: payload.purpose === 'confirm_follow' ? `请确认关注「${subject.name}」` : `请确认您对「${subject.name}」的评分`,
        text: [...lines, link, '', `链接 ${CONFIRM_LINK_DAYS} 天内有效；若非本人操作，请忽略此邮件。The link works for ${CONFIRM_LINK_DAYS} days; if this was not you, ignore this mail.`, `— ${FOOTER_ZH}`].join('\n'),
        messageId: messageIdFor(outboxId, token.contactId, config),
      },
    },
  ];
}
