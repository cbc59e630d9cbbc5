import type { OrgKind, OrgLevel } from '@/lib/domain/vocabulary';
import { COUNTIES } from './reference/plan-data';

export interface OrgSeed {
  code: string;
  name: string;
  nameEn: string;
  level: OrgLevel;
  kind: OrgKind;
  parent: string | null;
  showOfficerNames?: boolean;
}

/**
 * The fiscal tree. Departments sit under their government so that money may move from a
 * department to anything under that government, never up or across (see the ledger migration).
 */
export const ORGANISATIONS: OrgSeed[] = [
  { code: 'CN', name: '中央', nameEn: 'Central government', level: 'central', kind: 'government', parent: null, showOfficerNames: true },
  { code: 'CN-MOF', name: '财政部', nameEn: 'Ministry of Finance', level: 'central', kind: 'finance_bureau', parent: 'CN', showOfficerNames: true },
  { code: 'CN-MNR', name: '自然资源部', nameEn: 'Ministry of Natural Resources', level: 'central', kind: 'natural_resources_bureau', parent: 'CN', showOfficerNames: true },
  { code: '140000', name: '山西省', nameEn: 'Shanxi Province', level: 'provincial', kind: 'government', parent: 'CN', showOfficerNames: true },
  { code: '140000-CZT', name: '山西省财政厅', nameEn: 'Shanxi Provincial Department of Finance', level: 'provincial', kind: 'finance_bureau', parent: '140000', showOfficerNames: true },
  { code: '140000-ZRZYT', name: '山西省自然资源厅', nameEn: 'Shanxi Provincial Department of Natural Resources', level: 'provincial', kind: 'natural_resources_bureau', parent: '140000', showOfficerNames: true },
  { code: '140300', name: '阳泉市', nameEn: 'Yangquan City', level: 'municipal', kind: 'government', parent: '140000', showOfficerNames: true },
  { code: '140300-CZJ', name: '阳泉市财政局', nameEn: 'Yangquan Municipal Finance Bureau', level: 'municipal', kind: 'finance_bureau', parent: '140300' },
  { code: '140300-GHZRZYJ', name: '阳泉市规划和自然资源局', nameEn: 'Yangquan Municipal Bureau of Planning and Natural Resources', level: 'municipal', kind: 'natural_resources_bureau', parent: '140300' },
  { code: '140300-SJJ', name: '阳泉市审计局', nameEn: 'Yangquan Municipal Audit Bureau', level: 'municipal', kind: 'audit_office', parent: '140300' },
  ...COUNTIES.map((c) => ({ code: c.code, name: c.name, nameEn: c.nameEn, level: 'county' as const, kind: 'government' as const, parent: '140300' })),
];
