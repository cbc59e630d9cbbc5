import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { formatYuan } from '@/lib/domain/money';
import { documentTotals, DuplicateTransferLine, transferDocumentContent, type FundedApplication, type TransferLine, type TransferParty } from '@/lib/domain/transfer-document';
import { AppError } from '@/lib/errors';
import { publishSnapshot } from '../publish';
import { oweForEvent } from './obligations';

interface LineRow {
  transfer_id: number;
  kind: TransferLine['kind'];
  transfer_date: string;
  doc_number: string;
  amount_fen: string;
  reverses_id: number | null;
  is_demo: boolean;
  programme_code: string;
  programme_name: string;
  programme_level: TransferLine['programmeLevel'];
  project_code: string | null;
  from_kind: TransferParty['kind'];
  from_code: string;
  from_name: string;
  from_name_en: string;
  from_county: string | null;
  from_org_id: number | null;
  to_org_id: number | null;
  to_kind: TransferParty['kind'];
  to_code: string;
  to_name: string;
  to_name_en: string;
  to_county: string | null;
}

/**
 * Whose document a line is: the sender's, except a reversal, which the original's sender records to
 * claw the money back (it moves from the recipient back to them) under a 文号 of their own.
 */
const SENDER = sql.raw(`case when t.kind = 'reversal' then t.to_holder_id else t.from_holder_id end`);

/**
 * 分配结果 of every movement of money: the transfers just written are published, in the writing
 * transaction, as a new version of the allocation result of each document (文号) and sender they
 * belong to, listing every line of that document so far. Called by each path that moves money
 * (form, import, batch issue, project funding, reversal); a deferred database trigger refuses
 * the commit of any transfer that no allocation result lists.
 */
export async function discloseTransfers(
  tx: Tx,
  transferIds: readonly number[],
  opts: { now: Date; /** The application each new payment funds (资金下达 of an approved application). */ funds?: ReadonlyMap<number, FundedApplication> },
): Promise<{ publicationIds: number[] }> {
  if (!transferIds.length) return { publicationIds: [] };
  const ids = JSON.stringify([...new Set(transferIds)]);
  const groups = rowsOf<{ sender: number; doc: string | null; added: number; earliest: string }>(
    await tx.execute(sql`
      select ${SENDER} as sender, t.doc_number as doc, count(*)::int as added, min(t.transfer_date)::text as earliest
      from transfers t
      where t.id in (select value::int from jsonb_array_elements_text(${ids}::jsonb)) and t.kind <> 'appropriation'
      group by 1, 2
      order by 1, 2`),
  );
  const publicationIds: number[] = [];
  for (const g of groups) {
    if (!g.doc) throw new AppError('validation', 'ledger.doc_number_required', { docNumber: 'ledger.doc_number_required' });
    const documentId = await lockDocument(tx, Number(g.sender), g.doc);
    const lines = await documentLines(tx, Number(g.sender), g.doc);
    const first = lines[0]!;
    const funds = new Map([...(await fundedApplicationsSoFar(tx, documentId)), ...(opts.funds ?? [])]);
    let content;
    try {
      content = transferDocumentContent(
        g.doc,
        toParty(first, first.kind === 'reversal' ? 'to' : 'from'),
        lines.map((l) => withFunded(toLine(l), funds.get(Number(l.transfer_id)))),
      );
    } catch (e) {
      if (e instanceof DuplicateTransferLine) throw new AppError('conflict', 'disclosure.transferListedTwice');
      throw e;
    }
    const { movedFen, reversedFen } = documentTotals(lines.map((l) => ({ kind: l.kind, amountFen: l.amount_fen })));
    const senderName = content.sender.name;
    const issuerOrgId = issuerOf(first);
    // Owed from the day the money moved (China time), not from when it was recorded: recording late is disclosing late.
    const movedAt = new Date(`${g.earliest}T00:00:00+08:00`);
    await oweForEvent(tx, 'money_moved', { subjectId: documentId, responsibleOrgId: issuerOrgId, eventAt: movedAt < opts.now ? movedAt : opts.now });
    const res = await publishSnapshot(tx, {
      kind: 'allocation_result',
      subjectType: 'transfer_document',
      subjectId: documentId,
      title: `资金分配结果：${senderName} ${g.doc}`,
      content,
      notice: `${senderName}按${g.doc}${verbsOf(lines)}资金${lines.length}笔，合计 ${formatYuan(movedFen)} 元${reversedFen > 0n ? `，冲销 ${formatYuan(reversedFen)} 元` : ''}。`,
      issuerOrgId,
      docNumber: g.doc,
      dataAsOf: lines.reduce((max, l) => (l.transfer_date > max ? l.transfer_date : max), first.transfer_date),
      eventAt: opts.now,
      publishedAt: opts.now,
      isDemo: lines.every((l) => l.is_demo),
      changeReason: lines.length > Number(g.added) ? `新增${g.added}笔` : null,
    });
    publicationIds.push(res.id);
  }
  return { publicationIds };
}

/** What the document's last version said each line funds: a new version repeats it (the history is not re-derived). */
async function fundedApplicationsSoFar(tx: Tx, documentId: number): Promise<Map<number, FundedApplication>> {
  const [last] = rowsOf<{ content: { lines?: TransferLine[] } }>(
    await tx.execute(sql`select content from publications where subject_type = 'transfer_document' and subject_id = ${documentId} order by version desc limit 1`),
  );
  return new Map((last?.content.lines ?? []).filter((l) => l.fundedApplication).map((l) => [l.transferId, l.fundedApplication!]));
}

function withFunded(line: TransferLine, funded: FundedApplication | undefined): TransferLine {
  return funded ? { ...line, fundedApplication: funded } : line;
}

/** The document's row, created on its first line and locked so that concurrent lines publish one version after the other. */
async function lockDocument(tx: Tx, senderHolderId: number, docNumber: string): Promise<number> {
  await tx.execute(sql`insert into transfer_documents (sender_holder_id, doc_number) values (${senderHolderId}, ${docNumber}) on conflict do nothing`);
  const [row] = rowsOf<{ id: number }>(await tx.execute(sql`select id from transfer_documents where sender_holder_id = ${senderHolderId} and doc_number = ${docNumber} for update`));
  return Number(row!.id);
}

async function documentLines(tx: Tx, senderHolderId: number, docNumber: string): Promise<LineRow[]> {
  // Each party is described once (a document of 100 lines names a handful of holders), not once per line.
  return rowsOf<LineRow>(
    await tx.execute(sql`
      with lines as (
        select t.* from transfers t where ${SENDER} = ${senderHolderId} and t.doc_number = ${docNumber} and t.kind <> 'appropriation'
      ), party as (
        select h.id, h.kind, coalesce(o.code, p.code) as code, coalesce(o.name, p.name) as name, coalesce(o.name_en, p.name) as name_en,
               p.code as project_code, coalesce(o.id, p.implementing_org_id) as org_id,
               (select c.code from organisations c where c.level = 'county' and c.kind = 'government'
                  and c.id = org_government(coalesce(o.id, p.implementing_org_id))) as county,
               -- Who answers for what a holder sends: the organisation, or for a project the unit that carries it out (else its first funder).
               coalesce(o.id, p.implementing_org_id, (select ph.organisation_id from transfers pt join holders ph on ph.id = pt.from_holder_id
                                                      where pt.to_holder_id = h.id and ph.kind = 'organisation' order by pt.id limit 1)) as answering_org_id
        from holders h
        left join organisations o on o.id = h.organisation_id
        left join projects p on p.id = h.project_id
        where h.id in (select from_holder_id from lines union select to_holder_id from lines)
      )
      select t.id as transfer_id, t.kind, t.transfer_date::text as transfer_date, t.doc_number, t.amount_fen::text as amount_fen,
             t.reverses_id, t.is_demo, fp.code as programme_code, fp.name as programme_name, fp.level as programme_level,
             coalesce(r.project_code, f.project_code) as project_code,
             f.answering_org_id as from_org_id, r.org_id as to_org_id,
             f.kind as from_kind, f.code as from_code, f.name as from_name, f.name_en as from_name_en, f.county as from_county,
             r.kind as to_kind, r.code as to_code, r.name as to_name, r.name_en as to_name_en, r.county as to_county
      from lines t
      join fund_programmes fp on fp.id = t.programme_id
      join party f on f.id = t.from_holder_id
      join party r on r.id = t.to_holder_id
      order by t.id`),
  );
}

const VERB: Record<TransferLine['kind'], string> = { allocation: '下达', payment: '拨付', disbursement: '支付', reversal: '冲销' };

function verbsOf(lines: readonly LineRow[]): string {
  return [...new Set(lines.map((l) => VERB[l.kind]))].join('、');
}

function issuerOf(first: LineRow): number {
  const org = first.kind === 'reversal' ? first.to_org_id : first.from_org_id;
  if (org === null) throw new AppError('validation', 'disclosure.noResponsibleOrganisation');
  return Number(org);
}

function toParty(r: LineRow, side: 'from' | 'to'): TransferParty {
  return side === 'from'
    ? { code: r.from_code, name: r.from_name, nameEn: r.from_name_en, kind: r.from_kind, countyCode: r.from_county }
    : { code: r.to_code, name: r.to_name, nameEn: r.to_name_en, kind: r.to_kind, countyCode: r.to_county };
}

function toLine(r: LineRow): TransferLine {
  return {
    transferId: Number(r.transfer_id),
    kind: r.kind,
    date: r.transfer_date,
    docNumber: r.doc_number,
    programmeCode: r.programme_code,
    programmeName: r.programme_name,
    programmeLevel: r.programme_level,
    from: toParty(r, 'from'),
    to: toParty(r, 'to'),
    projectCode: r.project_code,
    amountFen: r.amount_fen,
    reversesTransferId: r.reverses_id === null ? null : Number(r.reverses_id),
  };
}
