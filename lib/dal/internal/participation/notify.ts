import 'server-only';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { feedback, notifications, organisations, users } from '@/db/schema';
import { permissionsOf, type Permission } from '@/lib/auth/permissions';
import { ROLES, type Role } from '@/lib/domain/vocabulary';

const rolesWith = (permission: Permission): Role[] => ROLES.filter((r) => permissionsOf(r).includes(permission));

/**
 * The in-app side of participation events, delivered by the outbox worker in its transaction:
 * a report (举报) reaches every auditor; an overdue item reaches the supervisors of the
 * organisation that must answer (reviewers of its government, or of the government above a
 * government) and the moderators.
 * Returns false for a topic that is not participation's.
 */
export async function deliverParticipationTopic(tx: Tx, row: { id: number; topic: string; payload: unknown }, now: Date): Promise<boolean> {
  if (row.topic !== 'feedback_report' && row.topic !== 'feedback_overdue') return false;
  const { feedbackId } = row.payload as { feedbackId: number };
  const [item] = await tx
    .select({
      trackingCode: feedback.trackingCode,
      orgName: organisations.name,
      // The government that supervises the answering organisation: its own for a department or
      // unit, the one above for a government itself.
      supervisingGovernment: sql<number | null>`case when org_government(${feedback.assignedOrgId}) = ${feedback.assignedOrgId}
        then org_government(${organisations.parentId}) else org_government(${feedback.assignedOrgId}) end`,
    })
    .from(feedback)
    .leftJoin(organisations, eq(organisations.id, feedback.assignedOrgId))
    .where(eq(feedback.id, feedbackId));
  if (!item) return true;
  const active = isNull(users.disabledAt);
  const recipients =
    row.topic === 'feedback_report'
      ? await tx.select({ id: users.id }).from(users).where(and(active, inArray(users.role, rolesWith('feedback.audit'))))
      : await tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              active,
              or(
                and(sql`org_government(${users.organisationId}) = ${item.supervisingGovernment ?? -1}`, inArray(users.role, rolesWith('workflow.supervise'))),
                inArray(users.role, rolesWith('feedback.moderate')),
              ),
            ),
          );
  if (!recipients.length) return true;
  const title = row.topic === 'feedback_report' ? `群众举报 ${item.trackingCode}` : `群众留言逾期未答复 ${item.trackingCode}`;
  const body = row.topic === 'feedback_report' ? `收到一条举报（${item.trackingCode}），请在审计工作台查看。` : `${item.orgName ?? ''}未在期限内答复 ${item.trackingCode}。`;
  await tx
    .insert(notifications)
    .values(recipients.map((u) => ({ userId: u.id, outboxId: row.id, title, body, createdAt: now })))
    .onConflictDoNothing();
  return true;
}
