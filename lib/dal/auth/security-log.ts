import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { securityEvents } from '@/db/schema';
import { SECURITY_EVENT_KINDS, type SecurityEventKind } from '@/lib/domain/vocabulary';
import { assertCan } from './scope';
import type { Ctx } from './session';

export interface SecurityEventDto {
  id: number;
  at: Date;
  kind: SecurityEventKind;
  username: string;
  address: string;
  detail: Record<string, unknown> | null;
}

export const SECURITY_LOG_PAGE_SIZE = 50;

/** The security log, newest first, for administrators and auditors (optionally one kind of event). */
export async function listSecurityEvents(
  { db, actor }: Ctx,
  query: { page: number; pageSize?: number; kind?: SecurityEventKind },
): Promise<{ rows: SecurityEventDto[]; total: number }> {
  assertCan(actor, 'security.read');
  const pageSize = Math.min(Math.max(query.pageSize ?? SECURITY_LOG_PAGE_SIZE, 1), 200);
  const page = Math.max(1, Math.floor(query.page));
  const where = query.kind && (SECURITY_EVENT_KINDS as readonly string[]).includes(query.kind) ? eq(securityEvents.kind, query.kind) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({ id: securityEvents.id, at: securityEvents.at, kind: securityEvents.kind, username: securityEvents.username, address: securityEvents.address, detail: securityEvents.detail })
      .from(securityEvents)
      .where(where)
      .orderBy(desc(securityEvents.at), desc(securityEvents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(securityEvents).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, detail: (r.detail as Record<string, unknown> | null) ?? null })), total: Number(count?.n ?? 0) };
}
