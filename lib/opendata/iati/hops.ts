import type { IatiLine } from './model';

/** What a published line moved: 下达 between governments, 拨付 to a project, 支付 from a project to a payee. */
export type HopKind = 'allocation' | 'payment' | 'disbursement';

export interface Party {
  code: string;
  kind: string;
  name: string;
  nameEn: string;
}

/** A line seen along the chain: from the provider to the receiver of the hop, signed. */
export interface Hop {
  line: IatiLine;
  kind: HopKind;
  provider: Party;
  receiver: Party;
  /** Negative for a reversal: it counts against the hop it undoes, as the public pages count it. */
  fen: bigint;
}

/** The ledger allows exactly these hops (db/sql/functions/apply_transfer.sql), so the receiver's kind names the hop. */
function kindOf(receiver: Party): HopKind {
  if (receiver.kind === 'payee') return 'disbursement';
  if (receiver.kind === 'project') return 'payment';
  return 'allocation';
}

export function hopOf(line: IatiLine): Hop {
  const reversal = line.kind === 'reversal';
  const provider = reversal ? line.to : line.from;
  const receiver = reversal ? line.from : line.to;
  return { line, kind: kindOf(receiver), provider, receiver, fen: reversal ? -line.amountFen : line.amountFen };
}
