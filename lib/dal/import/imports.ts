import 'server-only';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { expenditures, fundProgrammes, importMappings, organisations, projects, transfers } from '@/db/schema';
import { parseCsv } from '@/lib/import/csv';
import { decodeSpreadsheetText } from '@/lib/import/decode';
import { sniffFileKind } from '@/lib/import/sniff';
import {
  guessMapping,
  validateExpenditureRows,
  validateTransferRows,
  type CellError,
  type ImportTarget,
  type Mapping,
  type ValidExpenditureRow,
  type ValidTransferRow,
} from '@/lib/import/transfer-rows';
import { readXlsx, xlsxErrorKey } from '@/lib/import/xlsx';
import { AppError } from '@/lib/errors';
import { sha256Hex } from '@/lib/domain/sha256';
import { databaseRefusal, refusedLine } from '@/lib/errors/database';
import { appendAudit } from '../internal/audit';
import { nowOf } from '../internal/clock';
import { discloseTransfers } from '../internal/disclosure/transfers';
import { assertMaySpendFrom, holderIdFor, type ParsedRef } from '../internal/ledger/holder-refs';
import { assertMayRecordSpending, assertNotOverspent } from '../internal/ledger/spending';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
const CHUNK = 500;

export interface ImportFile {
  filename: string;
  bytes: Uint8Array;
}

/** Reads CSV (UTF-8, UTF-8 BOM, GB18030) or XLSX by content; anything else is refused with a reason. */
async function readTable(file: ImportFile): Promise<{ table: string[][]; kind: 'csv' | 'xlsx'; encoding?: string }> {
  if (file.bytes.length === 0) throw new AppError('validation', 'import.empty');
  if (file.bytes.length > MAX_IMPORT_BYTES) throw new AppError('validation', 'import.tooLarge');
  const kind = sniffFileKind(file.bytes, file.filename);
  if (kind === 'unsupported') throw new AppError('validation', 'import.fileType');
  if (kind === 'xlsx') {
    const x = await readXlsx(file.bytes);
    if (!x.ok) throw new AppError('validation', xlsxErrorKey(x.error));
    return { table: x.rows, kind };
  }
  const decoded = decodeSpreadsheetText(file.bytes);
  if (!decoded.ok) throw new AppError('validation', 'import.encoding');
  return { table: parseCsv(decoded.text), kind, encoding: decoded.encoding };
}

/** Codes typed in a sheet → holders: organisation codes and project codes. Index into `refs`. */
async function lookups(tx: Ctx['db'] | Tx) {
  const [progs, orgs, projs] = await Promise.all([
    tx.select({ id: fundProgrammes.id, code: fundProgrammes.code, fiscalYear: fundProgrammes.fiscalYear }).from(fundProgrammes),
    tx.select({ id: organisations.id, code: organisations.code }).from(organisations),
    tx.select({ id: projects.id, code: projects.code }).from(projects),
  ]);
  const refs: ParsedRef[] = [];
  const holders = new Map<string, number>();
  for (const o of orgs) holders.set(o.code, refs.push({ kind: 'org', id: o.id }) - 1);
  for (const p of projs) holders.set(p.code, refs.push({ kind: 'project', id: p.id }) - 1);
  return { programmes: new Map(progs.map((p) => [p.code, { id: p.id, fiscalYear: p.fiscalYear }])), holders, refs };
}

async function rememberedMapping(db: Ctx['db'], orgId: number, target: ImportTarget): Promise<Mapping | null> {
  const [row] = await db.select({ mapping: importMappings.mapping }).from(importMappings).where(and(eq(importMappings.organisationId, orgId), eq(importMappings.target, target)));
  return (row?.mapping as Mapping | undefined) ?? null;
}

export interface ImportPreview {
  kind: 'csv' | 'xlsx';
  encoding?: string;
  header: string[];
  mapping: Mapping;
  sample: string[][];
  dataRows: number;
  validRows: number;
  errors: CellError[];
}

function validate(target: ImportTarget, table: string[][], mapping: Mapping, l: Awaited<ReturnType<typeof lookups>>) {
  return target === 'transfers' ? validateTransferRows(table, mapping, l) : validateExpenditureRows(table, mapping, l);
}

/** Upload → mapping (remembered per organisation, else guessed) → every bad cell named. Writes nothing. */
export async function previewImport(ctx: Ctx, file: ImportFile, target: ImportTarget, mapping?: Mapping): Promise<ImportPreview> {
  assertCan(ctx.actor, 'import.run');
  const { table, kind, encoding } = await readTable(file);
  if (table.length > MAX_IMPORT_ROWS + 1) throw new AppError('validation', 'import.tooManyRows');
  const header = table[0] ?? [];
  const remembered = await rememberedMapping(ctx.db, ctx.actor.organisationId, target);
  const useMapping = mapping ?? (remembered && Object.values(remembered).every((i) => i === null || (i as number) < header.length) ? remembered : guessMapping(header, target));
  const result = validate(target, table, useMapping, await lookups(ctx.db));
  const dataRows = table.slice(1).filter((r) => r.some((c) => c.trim() !== '')).length;
  return { kind, encoding, header, mapping: useMapping, sample: table.slice(1, 11), dataRows, validRows: result.rows.length, errors: result.errors.slice(0, 500) };
}

export interface ImportOutcome {
  dryRun: boolean;
  written: number;
  skipped: number;
  sha256: string;
}

class DryRunRollback extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('dry run');
  }
}

/** A refusal by the ledger for one row, named by its spreadsheet line. */
function rowRefusal(e: unknown): AppError {
  const mapped = databaseRefusal(e);
  const line = refusedLine(e);
  if (mapped && line) return new AppError(mapped.code, mapped.messageKey, { [`line ${line}`]: mapped.messageKey });
  return mapped ?? (e as AppError);
}

/**
 * Validates again on the server and writes every row in one transaction, or none. Rows already
 * imported (same 文号 / voucher and line) are skipped, so a second import of the same file writes
 * nothing. A dry run does all of it and rolls back.
 */
export async function runImport(
  ctx: Ctx,
  file: ImportFile,
  target: ImportTarget,
  mapping: Mapping,
  opts: { dryRun: boolean; onProgress?: (done: number, total: number) => void },
): Promise<ImportOutcome> {
  assertCan(ctx.actor, 'import.run');
  const { db, actor } = ctx;
  const { table } = await readTable(file);
  if (table.length > MAX_IMPORT_ROWS + 1) throw new AppError('validation', 'import.tooManyRows');
  const l = await lookups(db);
  const checked = validate(target, table, mapping, l);
  if (checked.errors.length > 0) throw new AppError('validation', 'import.hasErrors');
  const sha256 = sha256Hex(file.bytes);

  try {
    return await db.transaction(async (tx) => {
      const holderCache = new Map<string, number>();
      const holderId = async (ref: ParsedRef, field: string) => {
        const key = `${ref.kind}:${ref.id}`;
        if (!holderCache.has(key)) holderCache.set(key, await holderIdFor(tx, ref, field));
        return holderCache.get(key)!;
      };
      let written = 0;
      let skipped = 0;
      let publicationIds: number[] = [];
      const total = checked.rows.length;
      if (target === 'transfers') {
        const rows = checked.rows as ValidTransferRow[];
        for (const fromIdx of new Set(rows.map((r) => r.fromHolderId))) await assertMaySpendFrom(tx, actor, l.refs[fromIdx]!);
        // Already imported = same 文号, same line and same sender: another organisation's file may reuse a line number.
        const existing = new Set(
          (await tx.select({ doc: transfers.docNumber, line: transfers.importLine, from: transfers.fromHolderId }).from(transfers).where(and(isNotNull(transfers.importLine), inArray(transfers.docNumber, [...new Set(rows.map((r) => r.docNumber))]))))
            .map((r) => `${r.doc}#${r.line}#${r.from}`),
        );
        const fromHolder = new Map<number, number>();
        for (const idx of new Set(rows.map((r) => r.fromHolderId))) fromHolder.set(idx, await holderId(l.refs[idx]!, 'fromCode'));
        const fresh = rows.filter((r) => !existing.has(`${r.docNumber}#${r.line}#${fromHolder.get(r.fromHolderId)}`));
        const transferIds: number[] = [];
        skipped = rows.length - fresh.length;
        for (let i = 0; i < fresh.length; i += CHUNK) {
          const chunk = fresh.slice(i, i + CHUNK);
          const values = [];
          for (const r of chunk) {
            const to = l.refs[r.toHolderId]!;
            values.push({
              programmeId: r.programmeId,
              fromHolderId: await holderId(l.refs[r.fromHolderId]!, 'fromCode'),
              toHolderId: await holderId(r.kind === 'disbursement' && to.kind === 'org' ? { kind: 'payee', id: to.id } : to, 'toCode'),
              amountFen: r.amountFen,
              kind: r.kind,
              transferDate: r.transferDate,
              docNumber: r.docNumber,
              note: r.note,
              importLine: r.line,
              recordedBy: actor.id,
            });
          }
          try {
            const inserted = await tx.insert(transfers).values(values).returning({ id: transfers.id });
            transferIds.push(...inserted.map((r) => r.id));
          } catch (e) {
            throw rowRefusal(e);
          }
          written += chunk.length;
          opts.onProgress?.(skipped + written, total);
        }
        // Every document of the file is published with it (a preview rolls it back with the rest).
        ({ publicationIds } = await discloseTransfers(tx, transferIds, { now: nowOf(ctx) }));
      } else {
        const rows = checked.rows as ValidExpenditureRow[];
        const existing = new Set(
          (await tx.select({ v: expenditures.voucherNo, line: expenditures.importLine }).from(expenditures).where(and(isNotNull(expenditures.importLine), inArray(expenditures.voucherNo, [...new Set(rows.map((r) => r.voucherNo))]))))
            .map((r) => `${r.v}#${r.line}`),
        );
        const fresh = rows.filter((r) => !existing.has(`${r.voucherNo}#${r.line}`));
        skipped = rows.length - fresh.length;
        const payeeOf = new Map<number, number>();
        for (const r of fresh) {
          const ref = l.refs[r.payeeHolderId]!;
          if (ref.kind !== 'org') throw new AppError('validation', 'import.payeeNotOrganisation', { [`line ${r.line}`]: 'import.payeeNotOrganisation' });
          payeeOf.set(r.line, await holderId({ kind: 'payee', id: ref.id }, 'payeeCode'));
        }
        // Who may record it, and never more than received: checked per (programme, payee) before writing.
        const pairs = new Map<string, { programmeId: number; payeeHolderId: number; addFen: bigint; line: number }>();
        for (const r of fresh) {
          const key = `${r.programmeId}:${payeeOf.get(r.line)}`;
          const p = pairs.get(key) ?? { programmeId: r.programmeId, payeeHolderId: payeeOf.get(r.line)!, addFen: 0n, line: r.line };
          p.addFen += r.amountFen;
          pairs.set(key, p);
        }
        for (const p of pairs.values()) await assertMayRecordSpending(tx, actor, p.programmeId, p.payeeHolderId, p.line);
        await assertNotOverspent(tx, [...pairs.values()]);
        for (let i = 0; i < fresh.length; i += CHUNK) {
          const chunk = fresh.slice(i, i + CHUNK);
          await tx.insert(expenditures).values(
            chunk.map((r) => ({ programmeId: r.programmeId, payeeHolderId: payeeOf.get(r.line)!, amountFen: r.amountFen, spentOn: r.spentOn, voucherNo: r.voucherNo, description: r.description, importLine: r.line, recordedBy: actor.id })),
          );
          written += chunk.length;
          opts.onProgress?.(skipped + written, total);
        }
      }
      await tx
        .insert(importMappings)
        .values({ organisationId: actor.organisationId, target, mapping })
        .onConflictDoUpdate({ target: [importMappings.organisationId, importMappings.target], set: { mapping, updatedAt: new Date() } });
      await appendAudit(tx, { actor, action: `import.${target}_committed`, entityType: 'import', entityId: sha256.slice(0, 16), after: { filename: file.filename, sha256, written, skipped, publicationIds } });
      const outcome = { dryRun: opts.dryRun, written, skipped, sha256 };
      if (opts.dryRun) throw new DryRunRollback(outcome);
      return outcome;
    });
  } catch (e) {
    if (e instanceof DryRunRollback) return e.outcome;
    throw e;
  }
}
