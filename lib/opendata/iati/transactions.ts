import { en } from '@/lib/i18n/en';
import { zh } from '@/lib/i18n/zh';
import type { Hop, Party } from './hops';
import { orgRef, orgType, transactionRef } from './identifiers';
import type { IatiOrg, IatiProject } from './model';

/** A Chinese text and its English counterpart where there is one. */
export interface Names {
  zh: string;
  en: string | null;
}

export interface TransactionParty {
  ref?: string;
  type?: string;
  names: Names;
  activityId?: string;
}

/** IATI TransactionType: 1 Incoming Funds, 2 Outgoing Commitment, 3 Disbursement, 4 Expenditure. */
export type TransactionType = '1' | '2' | '3' | '4';

export interface IatiTransaction {
  ref: string;
  type: TransactionType;
  date: string;
  fen: bigint;
  description: Names;
  provider: TransactionParty;
  receiver: TransactionParty;
}

/** What the transactions need to know of the activities in the file. */
export interface ActivityIndex {
  programmeActivity(code: string): string;
  projectActivity(code: string): string | undefined;
  project(code: string): IatiProject | undefined;
  org(code: string): IatiOrg | undefined;
}

/** An English name only where it differs from the Chinese one (the read model repeats the Chinese where it has none). */
const englishOf = (name: string, nameEn: string | null | undefined) => (nameEn && nameEn !== name ? nameEn : null);

/** A project receives and pays through the unit carrying it out; without one, it is named by itself. */
function partyOf(p: Party, index: ActivityIndex, activityId: string | undefined): TransactionParty {
  if (p.kind === 'project') {
    const unitCode = index.project(p.code)?.implementingOrgCode;
    const unit = unitCode ? index.org(unitCode) : undefined;
    if (unit) return { ref: orgRef(unit.code), type: orgType(unit.kind), names: { zh: unit.name, en: englishOf(unit.name, unit.nameEn) }, activityId };
    return { names: { zh: p.name, en: englishOf(p.name, p.nameEn) }, activityId };
  }
  return { ref: orgRef(p.code), type: orgType(index.org(p.code)?.kind ?? null), names: { zh: p.name, en: englishOf(p.name, p.nameEn) }, activityId };
}

function describe(hop: Hop): Names {
  const doc = hop.line.docNumber;
  return { zh: `${zh.ledger.kind[hop.line.kind]}（${doc}）`, en: `${en.ledger.kind[hop.line.kind]} (${doc})` };
}

/**
 * Each hop as IATI transactions, by the activity that reports them, both ends of a hop naming the
 * other's activity (and sharing the line's ref):
 * - 下达 (government → government) inside the programme: an outgoing commitment (2) and a disbursement (3);
 * - 拨付 (government → project): a disbursement (3) in the programme, incoming funds (1) in the project;
 * - 支付 (project → payee): an expenditure (4) in the project.
 * A reversal is the same transactions with a negative value.
 */
export function transactionsByActivity(hops: readonly Hop[], index: ActivityIndex): Map<string, IatiTransaction[]> {
  const out = new Map<string, IatiTransaction[]>();
  const add = (activityId: string, t: IatiTransaction) => {
    const list = out.get(activityId);
    if (list) list.push(t);
    else out.set(activityId, [t]);
  };
  for (const hop of hops) {
    const programme = index.programmeActivity(hop.line.programmeCode);
    const base = { ref: transactionRef(hop.line.transferId), date: hop.line.date, fen: hop.fen, description: describe(hop) };
    if (hop.kind === 'allocation') {
      const provider = partyOf(hop.provider, index, programme);
      const receiver = partyOf(hop.receiver, index, programme);
      add(programme, { ...base, type: '2', provider, receiver });
      add(programme, { ...base, type: '3', provider, receiver });
    } else if (hop.kind === 'payment') {
      const project = index.projectActivity(hop.receiver.code);
      const provider = partyOf(hop.provider, index, programme);
      const receiver = partyOf(hop.receiver, index, project);
      add(programme, { ...base, type: '3', provider, receiver });
      if (project) add(project, { ...base, type: '1', provider, receiver });
    } else {
      // A project outside the file (none today: a line paying a withheld project is withheld too) leaves its spending with the programme.
      const project = index.projectActivity(hop.provider.code);
      add(project ?? programme, { ...base, type: '4', provider: partyOf(hop.provider, index, project), receiver: partyOf(hop.receiver, index, undefined) });
    }
  }
  return out;
}
