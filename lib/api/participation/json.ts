import type { z } from 'zod';
import type { feedbackByTrackingCode } from '@/lib/dal/public/feedback';
import type { publicFeedbackView } from '@/lib/dal/public/views';
import type { feedbackStatusSchema, publicFeedbackSchema } from './schemas';

type Row = z.infer<typeof publicFeedbackView>;
const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());

export function publicFeedbackJson(row: Row, photos?: { id: number; width: number; height: number; sha256: string }[]): z.input<typeof publicFeedbackSchema> {
  return {
    trackingCode: row.tracking_code,
    kind: row.kind,
    status: row.status,
    subject: { type: row.subject_type, code: row.subject_code, name: row.subject_name },
    text: row.body,
    receivedAt: iso(row.received_at)!,
    dueAt: iso(row.due_at),
    answeredAt: iso(row.answered_at),
    closedAt: iso(row.closed_at),
    overdue: row.overdue,
    organisation: row.org_code ? { code: row.org_code, name: row.org_name!, nameEn: row.org_name_en! } : null,
    answers: row.answers.map((a) => ({ body: a.body, at: iso(a.at)! })),
    ...(photos ? { photos: photos.map((p) => ({ url: `/api/public/feedback/photos/${p.id}`, width: p.width, height: p.height, sha256: p.sha256 })) } : {}),
  };
}

export function feedbackStatusJson(found: NonNullable<Awaited<ReturnType<typeof feedbackByTrackingCode>>>): z.input<typeof feedbackStatusSchema> {
  const s = found.status;
  return {
    trackingCode: s.tracking_code,
    kind: s.kind,
    status: s.status,
    published: !!found.item,
    receivedAt: iso(s.received_at)!,
    assignedAt: iso(s.assigned_at),
    dueAt: iso(s.due_at),
    answeredAt: iso(s.answered_at),
    closedAt: iso(s.closed_at),
    overdue: s.overdue,
    organisation: s.org_code ? { code: s.org_code, name: s.org_name!, nameEn: s.org_name_en! } : null,
    rejectReason: s.reject_reason,
    mergedInto: s.merged_into,
    item: found.item ? publicFeedbackJson(found.item, found.photos) : null,
  };
}
