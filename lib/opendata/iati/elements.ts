import { yuanOf } from './amount';
import { orgRef, orgType } from './identifiers';
import type { IatiOrg } from './model';
import type { IatiTransaction, Names, TransactionParty, TransactionType } from './transactions';
import { el, textEl } from './xml';

/** The IATI elements the activities are made of, each from plain data. */

export const CURRENCY = 'CNY';

export function narratives(names: Names): string[] {
  return [textEl('narrative', { 'xml:lang': 'zh' }, names.zh), ...(names.en ? [textEl('narrative', { 'xml:lang': 'en' }, names.en)] : [])];
}

export const namesOfOrg = (org: IatiOrg): Names => ({ zh: org.name, en: org.nameEn && org.nameEn !== org.name ? org.nameEn : null });

export const reportingOrg = (org: IatiOrg) => el('reporting-org', { ref: orgRef(org.code), type: orgType(org.kind) ?? '10' }, narratives(namesOfOrg(org)));

/** IATI OrganisationRole: 1 Funding, 3 Extending, 4 Implementing. */
export type OrgRole = '1' | '3' | '4';

export const participatingOrg = (org: IatiOrg, role: OrgRole) => el('participating-org', { ref: orgRef(org.code), type: orgType(org.kind), role }, narratives(namesOfOrg(org)));

/** IATI ActivityDateType: 1 Planned start, 2 Actual start, 3 Planned end, 4 Actual end. */
export const activityDate = (type: '1' | '2' | '3' | '4', isoDate: string) => el('activity-date', { type, 'iso-date': isoDate });

export const value = (fen: bigint, valueDate: string) => textEl('value', { currency: CURRENCY, 'value-date': valueDate }, yuanOf(fen));

/** One calendar (= Chinese fiscal) year's budget: type 1 Original, status 2 Committed. */
export function budget(year: string, fen: bigint): string {
  const start = `${year}-01-01`;
  return el('budget', { type: '1', status: '2' }, [el('period-start', { 'iso-date': start }), el('period-end', { 'iso-date': `${year}-12-31` }), value(fen, start)]);
}

function party(name: 'provider-org' | 'receiver-org', p: TransactionParty): string {
  const activityAttr = name === 'provider-org' ? 'provider-activity-id' : 'receiver-activity-id';
  return el(name, { ref: p.ref, [activityAttr]: p.activityId, type: p.type }, narratives(p.names));
}

export function transaction(t: IatiTransaction): string {
  return el('transaction', { ref: t.ref }, [
    el('transaction-type', { code: t.type satisfies TransactionType }),
    el('transaction-date', { 'iso-date': t.date }),
    value(t.fen, t.date),
    el('description', {}, narratives(t.description)),
    party('provider-org', t.provider),
    party('receiver-org', t.receiver),
  ]);
}

/** IATI RelatedActivityType: 1 Parent, 2 Child. */
export const relatedActivity = (type: '1' | '2', ref: string) => el('related-activity', { type, ref });

export const recipientChina = () => el('recipient-country', { code: 'CN', percentage: '100' });
