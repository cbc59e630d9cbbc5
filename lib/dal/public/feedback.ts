import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { FeedbackKind } from '@/lib/domain/vocabulary';
import type { PublicFeedbackSubject } from '@/lib/domain/participation/subject';
import { publicTag, shows, showsPublicRecord } from '@/lib/cache/public-tags';
import { publicFeedbackPhotosView, publicFeedbackStatusView, publicFeedbackView, viewRows } from './views';

const photoMeta = publicFeedbackPhotosView.omit({ content: true });

/**
 * What a tracking code shows: the status for anyone holding the code, and the text, answers and
 * photos only when a moderator published the item. Read from the public views alone.
 */
export async function feedbackByTrackingCode(trackingCode: string) {
  // Any change to an item announces `public` (lib/dal/internal/participation/announce.ts).
  showsPublicRecord();
  const db = await getDb();
  const [status] = viewRows('public_feedback_status', publicFeedbackStatusView, await db.execute(sql`select * from public_feedback_status where tracking_code = ${trackingCode}`));
  if (!status) return null;
  if (!status.is_public) return { status, item: null, photos: [] };
  const [item] = viewRows('public_feedback', publicFeedbackView, await db.execute(sql`select * from public_feedback where tracking_code = ${trackingCode}`));
  const photos = item
    ? viewRows('public_feedback_photos', photoMeta, await db.execute(sql`select id, tracking_code, sha256, mime_type, byte_size, width, height from public_feedback_photos where tracking_code = ${trackingCode} order by id`))
    : [];
  return { status, item: item ?? null, photos };
}


/** The published questions and answers about one subject, newest first. */
export async function publicFeedbackAbout(subject: PublicFeedbackSubject, limit = 20) {
  // A change to an item announces its subject's tag (lib/dal/internal/participation/announce.ts), so
  // the subject's page keeps its cached copy through changes elsewhere.
  if (subject.type === 'project') shows(publicTag.project(subject.code));
  else if (subject.type === 'programme') shows(publicTag.programme(subject.code));
  else if (subject.type === 'county') shows(publicTag.org(subject.code));
  else showsPublicRecord();
  const db = await getDb();
  const code = subject.type === 'publication' ? String(subject.id) : subject.code;
  return viewRows(
    'public_feedback',
    publicFeedbackView,
    await db.execute(sql`select * from public_feedback where subject_type = ${subject.type} and subject_code = ${code} order by received_at desc, id desc limit ${limit}`),
  );
}

/** All published items, newest first, a page at a time. */
export async function latestPublicFeedback(opts: { kind?: FeedbackKind; limit?: number; offset?: number } = {}) {
  // Any change to an item announces `public` (lib/dal/internal/participation/announce.ts).
  showsPublicRecord();
  const db = await getDb();
  const limit = Math.min(opts.limit ?? 30, 100);
  return viewRows(
    'public_feedback',
    publicFeedbackView,
    await db.execute(sql`select * from public_feedback where (${opts.kind ?? null}::text is null or kind = ${opts.kind ?? null}) order by received_at desc, id desc limit ${limit} offset ${opts.offset ?? 0}`),
  );
}

/** A published item's photo; null when it is not (or no longer) public. */
export async function publicFeedbackPhoto(id: number) {
  // Any change to an item announces `public` (lib/dal/internal/participation/announce.ts).
  showsPublicRecord();
  const db = await getDb();
  const [row] = viewRows('public_feedback_photos', publicFeedbackPhotosView, await db.execute(sql`select * from public_feedback_photos where id = ${id}`));
  return row ?? null;
}
