import { partyId } from './identifiers';
import type { Named, ProjectInput } from './input';

/**
 * Roles from the partyRole codelist: the managing organisation of each fund programme whose money
 * reached the project is a funder (财政部, 省财政厅, 市财政局, 县), also `sourceParty` because the
 * schema asks budgetBreakdown.sourceParty to point at a party with that role; the implementing unit
 * (项目实施单位) is the publicAuthority; each payee paid from the project is a supplier and payee.
 */
export type PartyRole = 'funder' | 'sourceParty' | 'publicAuthority' | 'supplier' | 'payee';

export interface Oc4idsParty {
  id: string;
  name: string;
  name_en: string;
  roles: PartyRole[];
}

export const reference = (who: Named) => ({ id: partyId(who.code), name: who.name });

export function partiesOf(p: ProjectInput): Oc4idsParty[] {
  const parties = new Map<string, Oc4idsParty>();
  const add = (who: Named, ...roles: PartyRole[]) => {
    const party = parties.get(who.code) ?? { id: partyId(who.code), name: who.name, name_en: who.nameEn, roles: [] };
    for (const role of roles) if (!party.roles.includes(role)) party.roles.push(role);
    parties.set(who.code, party);
  };
  for (const f of p.funding) if (f.funder) add(f.funder, 'funder', 'sourceParty');
  if (p.implementingUnit) add(p.implementingUnit, 'publicAuthority');
  for (const payee of p.payees) add(payee, 'supplier', 'payee');
  return [...parties.values()];
}
