import 'server-only';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { balances, fundProgrammes, holders, organisations, projects } from '@/db/schema';
import { ancestorsOf, chainTree, descendantsOf, type ChainNode, type Edge, type HolderFigures } from '@/lib/domain/chain';
import { AppError } from '@/lib/errors';
import { assertCan, orgScope } from './scope';
import type { Ctx } from './session';
import { readSetting } from './settings';

export interface ProgrammeChainDto {
  programmeId: number;
  code: string;
  name: string;
  isDemo: boolean;
  roots: ChainNode[];
}

export interface ChainDto {
  title: string;
  idleDays: number;
  labels: Record<number, { name: string; kind: string }>;
  programmes: ProgrammeChainDto[];
}

async function edgesOf(db: Ctx['db'], programmeIds: number[]): Promise<Map<number, Edge[]>> {
  if (programmeIds.length === 0) return new Map();
  // Reversals are netted into the hop they correct, so the tree shows what actually stayed where.
  const rows = rowsOf<{ programme_id: number; from_id: number | null; to_id: number; amount: string }>(
    await db.execute(sql`
      select programme_id, from_id, to_id, sum(amount)::text as amount from (
        select programme_id, from_holder_id as from_id, to_holder_id as to_id, amount_fen as amount from transfers where kind <> 'reversal'
        union all
        select programme_id, to_holder_id, from_holder_id, -amount_fen from transfers where kind = 'reversal'
      ) t where programme_id in ${sql.raw(`(${programmeIds.map(Number).join(',')})`)}
      group by programme_id, from_id, to_id`),
  );
  const out = new Map<number, Edge[]>();
  for (const r of rows) {
    const list = out.get(Number(r.programme_id)) ?? [];
    list.push({ from: r.from_id === null ? null : Number(r.from_id), to: Number(r.to_id), amountFen: BigInt(r.amount) });
    out.set(Number(r.programme_id), list);
  }
  return out;
}

async function assemble(ctx: Ctx, title: string, programmeIds: number[], focus?: { holderId: number; mode: 'project' | 'payee' }): Promise<ChainDto> {
  const { db } = ctx;
  const idleDays = Number((await readSetting(db, 'idle_days')) ?? '180');
  const idleBefore = new Date(Date.now() - idleDays * 86_400_000).toISOString();
  const [progs, edgeMap, figs] = await Promise.all([
    programmeIds.length ? db.select({ id: fundProgrammes.id, code: fundProgrammes.code, name: fundProgrammes.name, isDemo: fundProgrammes.isDemo }).from(fundProgrammes).where(inArray(fundProgrammes.id, programmeIds)).orderBy(fundProgrammes.code) : [],
    edgesOf(db, programmeIds),
    programmeIds.length ? db.select().from(balances).where(inArray(balances.programmeId, programmeIds)) : [],
  ]);
  const holderIds = new Set<number>();
  const programmes: ProgrammeChainDto[] = progs.map((p) => {
    const edges = edgeMap.get(p.id) ?? [];
    const figures = new Map<number, HolderFigures>(
      figs.filter((f) => f.programmeId === p.id).map((f) => [f.holderId, { receivedFen: f.receivedFen, passedOnFen: f.passedOnFen, heldFen: f.balanceFen, lastReceivedAt: f.lastReceivedAt?.toISOString() ?? null }]),
    );
    let keep: Set<number> | undefined;
    if (focus) {
      keep = ancestorsOf(edges, focus.holderId);
      if (focus.mode === 'project') for (const d of descendantsOf(edges, focus.holderId)) keep.add(d);
    }
    for (const e of edges) {
      if (e.from !== null) holderIds.add(e.from);
      holderIds.add(e.to);
    }
    return { programmeId: p.id, code: p.code, name: p.name, isDemo: p.isDemo, roots: chainTree(edges, figures, { keep, idleBefore }) };
  });
  const labels: ChainDto['labels'] = {};
  if (holderIds.size) {
    const rows = await db
      .select({ id: holders.id, kind: holders.kind, org: organisations.name, project: projects.name, projectCode: projects.code })
      .from(holders)
      .leftJoin(organisations, eq(organisations.id, holders.organisationId))
      .leftJoin(projects, eq(projects.id, holders.projectId))
      .where(inArray(holders.id, [...holderIds]));
    for (const r of rows) labels[r.id] = { name: r.org ?? `${r.projectCode} ${r.project}`, kind: r.kind };
  }
  return { title, idleDays, labels, programmes };
}

/** Officers see a programme's chain when their organisation manages it or ever held its money. */
async function assertProgrammeVisible(ctx: Ctx, programmeId: number) {
  const scope = orgScope(ctx.actor);
  const [p] = await ctx.db.select({ managingOrgId: fundProgrammes.managingOrgId }).from(fundProgrammes).where(eq(fundProgrammes.id, programmeId));
  if (!p) throw new AppError('not_found');
  if (scope === null || p.managingOrgId === scope) return;
  const [held] = await ctx.db
    .select({ one: sql`1` })
    .from(balances)
    .innerJoin(holders, eq(holders.id, balances.holderId))
    .leftJoin(projects, eq(projects.id, holders.projectId))
    .where(and(eq(balances.programmeId, programmeId), or(eq(holders.organisationId, scope), eq(projects.implementingOrgId, scope))))
    .limit(1);
  if (!held) throw new AppError('not_found');
}

export async function chainForProgramme(ctx: Ctx, programmeId: number): Promise<ChainDto> {
  assertCan(ctx.actor, 'transfer.read');
  await assertProgrammeVisible(ctx, programmeId);
  const [p] = await ctx.db.select({ name: fundProgrammes.name }).from(fundProgrammes).where(eq(fundProgrammes.id, programmeId));
  return assemble(ctx, p!.name, [programmeId]);
}

async function programmesTouching(ctx: Ctx, holderId: number): Promise<number[]> {
  const rows = rowsOf<{ programme_id: number }>(await ctx.db.execute(sql`select distinct programme_id from transfers where to_holder_id = ${holderId} or from_holder_id = ${holderId}`));
  const ids: number[] = [];
  for (const r of rows) {
    try {
      await assertProgrammeVisible(ctx, Number(r.programme_id));
      ids.push(Number(r.programme_id));
    } catch {
      // Programmes the caller may not see are left out, not reported.
    }
  }
  return ids;
}

export async function chainForProject(ctx: Ctx, projectId: number): Promise<ChainDto> {
  assertCan(ctx.actor, 'transfer.read');
  const [p] = await ctx.db.select({ name: projects.name, code: projects.code }).from(projects).where(eq(projects.id, projectId));
  if (!p) throw new AppError('not_found');
  const [h] = await ctx.db.select({ id: holders.id }).from(holders).where(and(eq(holders.kind, 'project'), eq(holders.projectId, projectId)));
  if (!h) return { title: `${p.code} ${p.name}`, idleDays: 0, labels: {}, programmes: [] };
  return assemble(ctx, `${p.code} ${p.name}`, await programmesTouching(ctx, h.id), { holderId: h.id, mode: 'project' });
}

export async function chainForPayee(ctx: Ctx, organisationId: number): Promise<ChainDto> {
  assertCan(ctx.actor, 'transfer.read');
  const [o] = await ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  if (!o) throw new AppError('not_found');
  const [h] = await ctx.db.select({ id: holders.id }).from(holders).where(and(eq(holders.kind, 'payee'), eq(holders.organisationId, organisationId)));
  if (!h) return { title: o.name, idleDays: 0, labels: {}, programmes: [] };
  return assemble(ctx, o.name, await programmesTouching(ctx, h.id), { holderId: h.id, mode: 'payee' });
}
