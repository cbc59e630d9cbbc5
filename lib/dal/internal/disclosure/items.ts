import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { allocationBatches, evaluations, findings, holders, organisations, projects, publicationItems, transferDocuments } from '@/db/schema';

type ItemRow = typeof publicationItems.$inferInsert;
interface Subject {
  subjectType: string;
  subjectId: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The withholdable items a snapshot names, by where they sit in its content. Written with the
 * snapshot so the public views can redact without rewriting it; unknown shapes name only the subject.
 */
export async function recordPublicationItems(tx: Tx, publicationId: number, subject: Subject, content: unknown): Promise<void> {
  const rows: ItemRow[] = [];
  const whole = (r: Omit<ItemRow, 'publicationId' | 'path'>) => rows.push({ publicationId, path: null, ...r });
  if (subject.subjectType === 'programme') whole({ programmeId: subject.subjectId });
  if (subject.subjectType === 'project') whole({ projectId: subject.subjectId });
  if (subject.subjectType === 'evaluation') {
    const [e] = await tx.select({ projectId: evaluations.projectId }).from(evaluations).where(eq(evaluations.id, subject.subjectId));
    if (e) whole({ projectId: e.projectId });
  }
  if (subject.subjectType === 'batch') {
    const [b] = await tx.select({ programmeId: allocationBatches.programmeId }).from(allocationBatches).where(eq(allocationBatches.id, subject.subjectId));
    if (b) whole({ programmeId: b.programmeId, batchId: subject.subjectId });
  }
  if (isRecord(content) && typeof content.documentId === 'number') whole({ documentId: content.documentId });
  if (isRecord(content) && Array.isArray(content.recipients) && subject.subjectType === 'batch') {
    rows.push(...(await recipientRows(tx, publicationId, subject.subjectId, content.recipients)));
  }
  if (subject.subjectType === 'transfer_document') {
    // A project's own payments: withholding the project withholds its documents whole (their sender names it).
    const [sender] = await tx.select({ projectId: holders.projectId }).from(transferDocuments).innerJoin(holders, eq(holders.id, transferDocuments.senderHolderId)).where(eq(transferDocuments.id, subject.subjectId));
    if (sender?.projectId) whole({ projectId: sender.projectId });
  }
  if (isRecord(content) && Array.isArray(content.lines) && subject.subjectType === 'transfer_document') {
    rows.push(...(await transferLineRows(tx, publicationId, content.lines)));
  }
  if (subject.subjectType === 'finding') rows.push(...(await findingSubjectRows(tx, publicationId, subject.subjectId)));
  // Chunked: a document imported from a spreadsheet may list ten thousand lines.
  for (let i = 0; i < rows.length; i += ITEM_CHUNK) await tx.insert(publicationItems).values(rows.slice(i, i + ITEM_CHUNK));
}

const ITEM_CHUNK = 2_000;

/** Each line of a document's allocation result, keyed by its transfer so that withholding the transfer (or its original) removes it. */
async function transferLineRows(tx: Tx, publicationId: number, lines: unknown[]): Promise<ItemRow[]> {
  const ids = lines.map((l) => (isRecord(l) && typeof l.transferId === 'number' ? l.transferId : null));
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return [];
  const found = new Map<number, { programmeId: number; toHolderId: number; amountFen: bigint; projectId: number | null }>();
  for (let i = 0; i < wanted.length; i += ITEM_CHUNK) {
    const chunk = JSON.stringify(wanted.slice(i, i + ITEM_CHUNK));
    // The project a line belongs to: the one paid, or the one paying a contractor.
    const rows = rowsOf<{ id: number; programme_id: number; to_holder_id: number; amount_fen: string; project_id: number | null }>(
      await tx.execute(sql`select t.id, t.programme_id, t.to_holder_id, t.amount_fen::text as amount_fen, coalesce(th.project_id, fh.project_id) as project_id
        from transfers t join holders th on th.id = t.to_holder_id left join holders fh on fh.id = t.from_holder_id
        where t.id in (select value::int from jsonb_array_elements_text(${chunk}::jsonb))`),
    ).map((r) => ({ id: Number(r.id), programmeId: Number(r.programme_id), toHolderId: Number(r.to_holder_id), amountFen: BigInt(r.amount_fen), projectId: r.project_id === null ? null : Number(r.project_id) }));
    for (const r of rows) found.set(r.id, r);
  }
  const rows: ItemRow[] = [];
  ids.forEach((id, i) => {
    const t = id === null ? undefined : found.get(id);
    if (!t) return;
    rows.push({ publicationId, path: ['lines', String(i)], transferId: id, programmeId: t.programmeId, projectId: t.projectId, holderId: t.toHolderId, amountFen: t.amountFen });
  });
  return rows;
}

/** Each recipient line of a batch result, keyed by holder so a withheld transfer of the batch finds it. */
async function recipientRows(tx: Tx, publicationId: number, batchId: number, recipients: unknown[]): Promise<ItemRow[]> {
  const codes = recipients.map((r) => (isRecord(r) && typeof r.code === 'string' ? r.code : null));
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  if (!wanted.length) return [];
  const [orgHolders, projectHolders] = await Promise.all([
    tx.select({ code: organisations.code, holderId: holders.id }).from(holders).innerJoin(organisations, eq(organisations.id, holders.organisationId)).where(and(eq(holders.kind, 'organisation'), inArray(organisations.code, wanted))),
    tx.select({ code: projects.code, holderId: holders.id, projectId: projects.id }).from(holders).innerJoin(projects, eq(projects.id, holders.projectId)).where(and(eq(holders.kind, 'project'), inArray(projects.code, wanted))),
  ]);
  const byCode = new Map<string, { holderId: number; projectId: number | null }>();
  for (const h of orgHolders) byCode.set(h.code, { holderId: h.holderId, projectId: null });
  for (const h of projectHolders) byCode.set(h.code, { holderId: h.holderId, projectId: h.projectId });
  const rows: ItemRow[] = [];
  codes.forEach((code, i) => {
    const ref = code === null ? undefined : byCode.get(code);
    if (!ref) return;
    const r = recipients[i] as Record<string, unknown>;
    const amount = typeof r.finalFen === 'string' && /^-?\d+$/.test(r.finalFen) ? BigInt(r.finalFen) : null;
    rows.push({ publicationId, path: ['recipients', String(i)], batchId, holderId: ref.holderId, projectId: ref.projectId, amountFen: amount });
  });
  return rows;
}

/**
 * A finding names its subject: whatever would withhold the subject withholds the published finding
 * whole (path null), so a finding never tells the public of a withheld transfer, project or programme.
 * A finding on a publication names everything that publication names.
 */
async function findingSubjectRows(tx: Tx, publicationId: number, findingId: number): Promise<ItemRow[]> {
  const [f] = await tx.select({ type: findings.subjectType, id: findings.subjectId, key: findings.subjectKey }).from(findings).where(eq(findings.id, findingId));
  if (!f) return [];
  if (f.type === 'flag') return f.key ? flagSubjectRows(tx, publicationId, f.key) : [];
  if (f.id === null) return [];
  return subjectRows(tx, publicationId, f.type, f.id);
}

const nullable = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));

/**
 * A reconciliation flag's key (`rule:entityType:id`) names what it is about: a finding on a flag
 * goes with the transfer, batch, workflow item, programme or project the flag concerns.
 */
async function flagSubjectRows(tx: Tx, publicationId: number, key: string): Promise<ItemRow[]> {
  const [, entityType, entityId] = key.split(':');
  const [a, b] = (entityId ?? '').split('-').map(Number);
  if (!entityType || !Number.isSafeInteger(a)) return [];
  const whole = (r: Omit<ItemRow, 'publicationId' | 'path'>): ItemRow => ({ publicationId, path: null, ...r });
  const holderProject = async (holderId: number | undefined) =>
    holderId === undefined || !Number.isSafeInteger(holderId) ? null : nullable((await tx.select({ projectId: holders.projectId }).from(holders).where(eq(holders.id, holderId)))[0]?.projectId);
  switch (entityType) {
    case 'transfer':
    case 'batch':
    case 'workflow_item':
      return subjectRows(tx, publicationId, entityType, a!);
    case 'batch_recipient': {
      const rows = await subjectRows(tx, publicationId, 'batch', a!);
      return [...rows, whole({ batchId: a!, holderId: b ?? null, projectId: await holderProject(b) })];
    }
    // A holder's (or payee's) position in a programme; a matching shortfall under a programme.
    case 'balance':
    case 'payee_balance':
      return [whole({ programmeId: a!, holderId: b ?? null, projectId: await holderProject(b) })];
    case 'matching':
      return [whole({ programmeId: a! })];
    case 'obligation': {
      const rows = rowsOf<{ subject_type: string; subject_id: number }>(await tx.execute(sql`select subject_type, subject_id from disclosure_obligations where id = ${a!}`));
      const o = rows[0];
      if (!o) return [];
      if (o.subject_type === 'programme' || o.subject_type === 'project' || o.subject_type === 'batch') return subjectRows(tx, publicationId, o.subject_type, Number(o.subject_id));
      return [];
    }
    default:
      return [];
  }
}

async function subjectRows(tx: Tx, publicationId: number, type: string, id: number): Promise<ItemRow[]> {
  const f = { type, id };
  const whole = (r: Omit<ItemRow, 'publicationId' | 'path'>): ItemRow => ({ publicationId, path: null, ...r });
  switch (f.type) {
    case 'programme':
      return [whole({ programmeId: f.id })];
    case 'project':
      return [whole({ projectId: f.id })];
    case 'batch': {
      const [b] = await tx.select({ programmeId: allocationBatches.programmeId }).from(allocationBatches).where(eq(allocationBatches.id, f.id));
      return b ? [whole({ programmeId: b.programmeId, batchId: f.id })] : [];
    }
    case 'transfer': {
      // The transfer itself, its programme and the project it paid or paid from; a reversal also names what it reverses.
      const rows = rowsOf<{ id: number; programme_id: number; project_id: number | null; reverses_id: number | null }>(
        await tx.execute(sql`select t.id, t.programme_id, coalesce(th.project_id, fh.project_id) as project_id, t.reverses_id
          from transfers t join holders th on th.id = t.to_holder_id left join holders fh on fh.id = t.from_holder_id where t.id = ${f.id}`),
      );
      const t = rows[0];
      if (!t) return [];
      const out = [whole({ transferId: Number(t.id), programmeId: Number(t.programme_id), projectId: t.project_id === null ? null : Number(t.project_id) })];
      if (t.reverses_id !== null) out.push(whole({ transferId: Number(t.reverses_id) }));
      return out;
    }
    case 'workflow_item': {
      const rows = rowsOf<{ project_id: number | null; programme_id: number | null }>(
        await tx.execute(sql`select (select pa.project_id from project_applications pa where w.kind = 'project_application' and pa.id = w.subject_id) as project_id,
            (select b.programme_id from allocation_batches b where w.kind = 'allocation_batch' and b.id = w.subject_id) as programme_id
          from workflow_items w where w.id = ${f.id}`),
      );
      const r = rows[0];
      return r ? [whole({ projectId: r.project_id === null ? null : Number(r.project_id), programmeId: r.programme_id === null ? null : Number(r.programme_id) })] : [];
    }
    case 'publication': {
      const named = await tx.select().from(publicationItems).where(eq(publicationItems.publicationId, f.id));
      const own = named.map(({ programmeId, projectId, documentId, transferId, batchId, holderId }) => whole({ programmeId, projectId, documentId, transferId, batchId, holderId }));
      // The publication itself, when withheld whole through its subject (an indicator value, a finding).
      const [p] = rowsOf<{ subject_type: string; subject_id: number }>(await tx.execute(sql`select subject_type, subject_id from publications where id = ${f.id}`));
      if (p?.subject_type === 'project') own.push(whole({ projectId: Number(p.subject_id) }));
      if (p?.subject_type === 'programme') own.push(whole({ programmeId: Number(p.subject_id) }));
      return own;
    }
    default:
      return [];
  }
}
