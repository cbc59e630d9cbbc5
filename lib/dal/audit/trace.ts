import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { fundProgrammes, holders, organisations, projects } from '@/db/schema';
import { traceChain, traceSankey, type Trace, type TraceFocus, type TraceTransfer } from '@/lib/domain/audit/trace';
import { chinaToday } from '@/lib/domain/china-date';
import type { SankeyGraph } from '@/lib/domain/sankey';
import type { TransferKind } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { nowOf } from '../internal/clock';
import { readSetting } from '../internal/settings';
import { logWithheldReads } from './withheld-reads';

export type TraceSubject = { type: 'programme'; id: number } | { type: 'project'; id: number } | { type: 'payee'; id: number };

export interface HolderLabel {
  name: string;
  nameEn: string | null;
  kind: string;
}

export interface TraceDto {
  subject: TraceSubject;
  title: string;
  titleEn: string | null;
  asOf: string;
  idleDays: number;
  trace: Trace;
  sankey: SankeyGraph;
  labels: Record<number, HolderLabel>;
  programmes: Record<number, { code: string; name: string; nameEn: string | null; isDemo: boolean }>;
  /** How many withheld items the trace showed (each read logged in the audit log). */
  withheldRead: number;
}

interface Resolved {
  title: string;
  titleEn: string | null;
  programmeIds: number[];
  focus: TraceFocus;
}

async function programmesTouching(ctx: Ctx, holderId: number): Promise<number[]> {
  const rows = rowsOf<{ programme_id: number }>(await ctx.db.execute(sql`select distinct programme_id from transfers where to_holder_id = ${holderId} or from_holder_id = ${holderId}`));
  return rows.map((r) => Number(r.programme_id));
}

async function resolve(ctx: Ctx, subject: TraceSubject): Promise<Resolved> {
  const { db } = ctx;
  if (subject.type === 'programme') {
    const [p] = await db.select({ name: fundProgrammes.name, nameEn: fundProgrammes.nameEn, code: fundProgrammes.code }).from(fundProgrammes).where(eq(fundProgrammes.id, subject.id));
    if (!p) throw new AppError('not_found');
    return { title: `${p.code} ${p.name}`, titleEn: p.nameEn ? `${p.code} ${p.nameEn}` : null, programmeIds: [subject.id], focus: { kind: 'programme' } };
  }
  if (subject.type === 'project') {
    const [p] = await db.select({ name: projects.name, code: projects.code }).from(projects).where(eq(projects.id, subject.id));
    if (!p) throw new AppError('not_found');
    const [h] = await db.select({ id: holders.id }).from(holders).where(and(eq(holders.kind, 'project'), eq(holders.projectId, subject.id)));
    const title = `${p.code} ${p.name}`;
    if (!h) return { title, titleEn: null, programmeIds: [], focus: { kind: 'programme' } };
    return { title, titleEn: null, programmeIds: await programmesTouching(ctx, h.id), focus: { kind: 'through', holderId: h.id } };
  }
  const [o] = await db.select({ name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(eq(organisations.id, subject.id));
  if (!o) throw new AppError('not_found');
  const [h] = await db.select({ id: holders.id }).from(holders).where(and(eq(holders.kind, 'payee'), eq(holders.organisationId, subject.id)));
  if (!h) return { title: o.name, titleEn: o.nameEn, programmeIds: [], focus: { kind: 'programme' } };
  return { title: o.name, titleEn: o.nameEn, programmeIds: await programmesTouching(ctx, h.id), focus: { kind: 'up', holderId: h.id } };
}

async function transfersOf(ctx: Ctx, programmeIds: number[]): Promise<TraceTransfer[]> {
  if (programmeIds.length === 0) return [];
  const rows = rowsOf<{ id: number; programme_id: number; from_holder_id: number | null; to_holder_id: number; amount: string; kind: TransferKind; day: string; doc_number: string | null; reverses_id: number | null }>(
    await ctx.db.execute(sql`
      select id, programme_id, from_holder_id, to_holder_id, amount_fen::text as amount, kind, to_char(transfer_date, 'YYYY-MM-DD') as day, doc_number, reverses_id
      from transfers where programme_id in ${sql.raw(`(${programmeIds.map(Number).join(',')})`)} order by id`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    programmeId: Number(r.programme_id),
    from: r.from_holder_id === null ? null : Number(r.from_holder_id),
    to: Number(r.to_holder_id),
    amountFen: BigInt(r.amount),
    kind: r.kind,
    date: r.day,
    docNumber: r.doc_number,
    reversesId: r.reverses_id === null ? null : Number(r.reverses_id),
  }));
}

async function payeeHolders(ctx: Ctx, transfers: TraceTransfer[]): Promise<Set<number>> {
  const ids = [...new Set(transfers.map((t) => t.to))];
  if (ids.length === 0) return new Set();
  const rows = await ctx.db.select({ id: holders.id }).from(holders).where(and(eq(holders.kind, 'payee'), inArray(holders.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Every movement that leads from a programme down to its payees, or up from a payee or project to
 * its sources, with the sender's holding time, the positions of each holder and the reversals.
 * Auditors read everything: withheld movements are in the trace, and each such read is logged.
 */
export async function traceFunds(ctx: Ctx, subject: TraceSubject, where: 'trace' | 'evidence_bundle' = 'trace'): Promise<TraceDto> {
  assertCan(ctx.actor, 'audit.read');
  const resolved = await resolve(ctx, subject);
  const idleDays = Number((await readSetting(ctx.db, 'idle_days')) ?? '180');
  const asOf = chinaToday(nowOf(ctx));
  const all = await transfersOf(ctx, resolved.programmeIds);
  const trace = traceChain(all, resolved.focus, { asOf, idleDays, payees: await payeeHolders(ctx, all) });
  const holderIds = [...new Set(trace.transfers.flatMap((t) => (t.from === null ? [t.to] : [t.from, t.to])))];
  const labels: TraceDto['labels'] = {};
  const projectIds: number[] = [];
  if (holderIds.length) {
    const rows = await ctx.db
      .select({ id: holders.id, kind: holders.kind, projectId: holders.projectId, org: organisations.name, orgEn: organisations.nameEn, project: projects.name, projectCode: projects.code })
      .from(holders)
      .leftJoin(organisations, eq(organisations.id, holders.organisationId))
      .leftJoin(projects, eq(projects.id, holders.projectId))
      .where(inArray(holders.id, holderIds));
    for (const r of rows) {
      labels[r.id] = { name: r.org ?? `${r.projectCode} ${r.project}`, nameEn: r.orgEn, kind: r.kind };
      if (r.projectId !== null) projectIds.push(r.projectId);
    }
  }
  const programmes: TraceDto['programmes'] = {};
  if (trace.programmeIds.length) {
    const rows = await ctx.db.select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, nameEn: fundProgrammes.nameEn, isDemo: fundProgrammes.isDemo }).from(fundProgrammes).where(inArray(fundProgrammes.id, trace.programmeIds));
    for (const r of rows) programmes[r.id] = { code: r.code, name: r.name, nameEn: r.nameEn, isDemo: r.isDemo };
  }
  const withheldRead = await logWithheldReads(
    ctx,
    [...trace.transfers.map((t) => ({ type: 'transfer' as const, id: t.id })), ...trace.programmeIds.map((id) => ({ type: 'programme' as const, id })), ...projectIds.map((id) => ({ type: 'project' as const, id }))],
    where,
  );
  return { subject, title: resolved.title, titleEn: resolved.titleEn, asOf, idleDays, trace, sankey: traceSankey(trace), labels, programmes, withheldRead };
}
