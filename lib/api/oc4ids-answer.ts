import 'server-only';
import type { Oc4idsProjectsDto } from '@/lib/dal/public/oc4ids';
import { projectPackage } from '@/lib/opendata/oc4ids/package';
import { PUBLIC_BRIEF } from './cache-control';
import { oc4idsPackageSchema } from './oc4ids-schemas';
import { jsonOf } from './respond';

/** A project package as the OC4IDS routes answer it: its own address as its uri, links on the reader's origin, checked against the published schema. */
export function oc4idsAnswer(request: Request, found: Oc4idsProjectsDto, filename: string) {
  const url = new URL(request.url);
  const body = projectPackage(found.projects, { uri: `${url.origin}${url.pathname}`, origin: url.origin, fallbackDate: found.latestPublication ?? new Date(0).toISOString() });
  return jsonOf(oc4idsPackageSchema, body, { headers: { 'cache-control': PUBLIC_BRIEF, 'content-disposition': `inline; filename="${filename}"` } });
}
