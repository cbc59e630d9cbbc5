import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { applicationDocuments, documents, fundProgrammes, performanceTargets, projectApplications } from '@/db/schema';
import { plainDecimal } from '@/lib/domain/decimal';
import { AppError } from '@/lib/errors';
import { LEDGER_SOURCES, type TransitionInput } from '@/lib/schemas/workflow';
import type { Actor } from '../../auth/actor';
import { discloseTransfers } from '../disclosure/transfers';
import { holderFor, insertTransfer } from '../ledger/transfers';

/** The content a reviewer judges: what a resubmission is compared against. */
export async function applicationSnapshot(tx: Tx, applicationId: number): Promise<Record<string, unknown>> {
  const [app] = await tx.select().from(projectApplications).where(eq(projectApplications.id, applicationId));
  if (!app) return {};
  const targets = await tx
    .select({ category: performanceTargets.category, subcategory: performanceTargets.subcategory, name: performanceTargets.name, unit: performanceTargets.unit, targetValue: performanceTargets.targetValue })
    .from(performanceTargets)
    .where(eq(performanceTargets.applicationId, applicationId))
    .orderBy(asc(performanceTargets.id));
  const files = await tx
    .select({ filename: documents.filename, sha256: documents.sha256 })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(documents.id));
  return {
    requestedCentralFen: app.requestedCentralFen.toString(),
    requestedProvincialFen: app.requestedProvincialFen.toString(),
    requestedMunicipalFen: app.requestedMunicipalFen.toString(),
    ownFundsFen: app.ownFundsFen.toString(),
    plannedStart: app.plannedStart,
    plannedEnd: app.plannedEnd,
    town: app.town,
    description: app.description,
    targets,
    attachments: files,
  };
}

const SOURCE_LEVEL = { central: 'central', provincial: 'provincial', municipal: 'municipal' } as const;
const SOURCE_AMOUNT = { central: 'requestedCentralFen', provincial: 'requestedProvincialFen', municipal: 'requestedMunicipalFen' } as const;

/**
 * 资金下达: pays each requested ledger source from the actor's government holder to the project,
 * from the programme of that source's level the officer chose. The ledger refuses what the
 * holder cannot cover, and then the whole transition is undone.
 */
export async function fundProject(tx: Tx, actor: Actor, applicationId: number, params: TransitionInput['fund'], now = new Date()): Promise<{ transferIds: number[]; publicationIds: number[] }> {
  if (!params) throw new AppError('validation', 'workflow.fundDetails', { docNumber: 'workflow.fundDetails' });
  const [app] = await tx.select().from(projectApplications).where(eq(projectApplications.id, applicationId));
  if (!app) throw new AppError('not_found');
  const from = await holderFor(tx, { kind: 'organisation', organisationId: actor.organisationId });
  const transferIds: number[] = [];
  let to: number | null = null;
  for (const source of LEDGER_SOURCES) {
    const amountFen = app[SOURCE_AMOUNT[source]];
    if (amountFen === 0n) continue;
    const programmeId = params[source];
    if (programmeId === '') throw new AppError('validation', 'workflow.programmeRequired', { [source]: 'workflow.programmeRequired' });
    const [programme] = await tx.select({ level: fundProgrammes.level, isDemo: fundProgrammes.isDemo }).from(fundProgrammes).where(eq(fundProgrammes.id, programmeId));
    if (!programme || programme.level !== SOURCE_LEVEL[source]) throw new AppError('validation', 'workflow.programmeLevel', { [source]: 'workflow.programmeLevel' });
    // Money of a demo programme is demo money, whoever moves it (the administrator can hide it all).
    to ??= await holderFor(tx, { kind: 'project', projectId: app.projectId }, programme.isDemo);
    const row = await insertTransfer(tx, { programmeId, fromHolderId: from, toHolderId: to, amountFen, kind: 'payment', transferDate: params.transferDate, docNumber: params.docNumber, note: `项目申报 ${app.code}`, isDemo: programme.isDemo, recordedBy: actor.id, recordedAt: now });
    transferIds.push(row.id);
  }
  const targets = await tx
    .select({ category: performanceTargets.category, subcategory: performanceTargets.subcategory, name: performanceTargets.name, unit: performanceTargets.unit, targetValue: performanceTargets.targetValue })
    .from(performanceTargets)
    .where(eq(performanceTargets.applicationId, applicationId))
    .orderBy(asc(performanceTargets.id));
  // The targets are issued with the money (绩效目标与资金同步下达), on each line that pays the project.
  const funded = { code: app.code, targets: targets.map((t) => ({ ...t, targetValue: plainDecimal(t.targetValue) })) };
  const { publicationIds } = await discloseTransfers(tx, transferIds, { now, funds: new Map(transferIds.map((id) => [id, funded])) });
  return { transferIds, publicationIds };
}
