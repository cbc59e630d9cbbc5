import { later } from './dates';
import { OC4IDS_VERSION } from './identifiers';
import type { ProjectInput } from './input';
import { oc4idsProject } from './project';

export const PUBLISHER = { name: '阳泉市生态修复资金公开平台', name_en: 'Yangquan restoration-fund transparency portal' };

/**
 * A project package: its address, the portal as publisher, and as published date the latest change
 * of what it contains (OC4IDS: a package made on demand dates itself by its contents), or `fallback`
 * (the latest public publication of all) when its projects show none.
 */
export function projectPackage(projects: ProjectInput[], at: { uri: string; origin: string; fallbackDate: string }) {
  const mapped = projects.map((p) => oc4idsProject(p, at.origin));
  const publishedDate = mapped.reduce<string | null>((d, p) => later(d, p.updated ?? null), null) ?? at.fallbackDate;
  return {
    uri: at.uri,
    publishedDate,
    version: OC4IDS_VERSION,
    publisher: { ...PUBLISHER, uri: `${at.origin}/` },
    projects: mapped,
  };
}

export type Oc4idsPackage = ReturnType<typeof projectPackage>;
