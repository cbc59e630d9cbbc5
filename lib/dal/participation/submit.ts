import 'server-only';
import { randomInt } from 'node:crypto';
import { hmacSha256Hex } from '@/lib/domain/sha256';
import { getDb } from '@/db';
import type { Db, Queryable } from '@/db/client';
import { feedback, feedbackContacts, feedbackEvents, feedbackPhotos, outbox } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { sanitisePhoto } from '@/lib/participation/photo';
import { FEEDBACK_PHOTOS_MAX } from '@/lib/domain/participation/limits';
import type { SubmitFeedbackInput } from '@/lib/schemas/participation';
import { appendAudit } from '../internal/audit';
import { guardSubmission } from '../internal/participation/rate-limit/guard';
import { resolvePublicSubject } from '../internal/participation/feedback-subject';
import { linkSecret } from '../internal/participation/links';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 50 random bits: unguessable, short enough to read out on the phone. */
export function newTrackingCode(): string {
  let code = 'YQ-';
  for (let i = 0; i < 10; i++) code += CROCKFORD[randomInt(32)];
  return code;
}

/** A keyed hash of the contact: the moderators can see that two items came from one contact without a readable copy in every row. */
async function contactHashOf(db: Queryable, contact: string): Promise<string> {
  const key = process.env.FEEDBACK_CONTACT_KEY ?? (await linkSecret(db));
  return hmacSha256Hex(key, contact.trim().toLowerCase());
}

export interface Submission {
  input: SubmitFeedbackInput;
  photos: readonly Uint8Array[];
  clientAddress: string;
  challenge?: { token: string; answer: string } | null;
  now?: Date;
  /** Server-side only (the demo seed): a fixed code instead of a random one. */
  trackingCode?: string;
}

/**
 * A citizen's question, suggestion or report, received without signing in. Checked in this order,
 * each refusal writing nothing but the rate limit's count: the text and subject, the rate limit
 * (which may ask for a challenge), then every photo (by content; re-encoded, so no metadata survives). Then one transaction
 * writes the item, its private contact, its photos, its first event and the audit entry, and for a
 * report (举报) an outbox row that tells the auditors.
 */
export async function submitFeedback(s: Submission, database?: Db): Promise<{ trackingCode: string }> {
  const db = database ?? (await getDb());
  const now = s.now ?? new Date();
  const subject = await resolvePublicSubject(db, s.input);
  if (s.photos.length > FEEDBACK_PHOTOS_MAX) throw new AppError('validation', 'participation.tooManyPhotos', { photos: 'participation.tooManyPhotos' });
  // Before the photos: decoding and re-encoding them is the costly part, which a client past its
  // limit must not be able to make the server do over and over.
  await guardSubmission(db, { kind: 'feedback', clientAddress: s.clientAddress, challenge: s.challenge, now });
  const photos = s.photos.map((bytes) => {
    const clean = sanitisePhoto(bytes);
    if (!clean.ok) throw new AppError('validation', `participation.photo_${clean.reason}`, { photos: `participation.photo_${clean.reason}` });
    return clean;
  });
  return db.transaction(async (tx) => {
    const trackingCode = s.trackingCode ?? newTrackingCode();
    const [row] = await tx
      .insert(feedback)
      .values({
        trackingCode,
        kind: s.input.kind,
        subjectType: subject.type,
        subjectId: subject.id,
        body: s.input.text,
        contactHash: s.input.contact ? await contactHashOf(tx, s.input.contact) : null,
        createdAt: now,
      })
      .returning({ id: feedback.id });
    const id = row!.id;
    if (s.input.contact) await tx.insert(feedbackContacts).values({ feedbackId: id, contact: s.input.contact });
    for (const p of photos) {
      await tx.insert(feedbackPhotos).values({ feedbackId: id, sha256: p.sha256, mimeType: p.mimeType, byteSize: p.bytes.byteLength, width: p.width, height: p.height, content: p.bytes, createdAt: now });
    }
    await tx.insert(feedbackEvents).values({ feedbackId: id, event: 'received', at: now });
    if (s.input.kind === 'report') {
      await tx.insert(outbox).values({ topic: 'feedback_report', dedupeKey: `feedback_report:${id}`, payload: { feedbackId: id }, createdAt: now, availableAt: now });
    }
    // The audit entry names the item, never its words or contact: the log is read by many.
    await appendAudit(tx, { actor: null, action: 'feedback.received', entityType: 'feedback', entityId: id, after: { kind: s.input.kind, subjectType: subject.type, subjectId: subject.id, photos: photos.length, withContact: !!s.input.contact }, at: now });
    return { trackingCode };
  });
}
