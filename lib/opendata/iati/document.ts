import { programmeActivity, projectActivity, type ActivityContext, type ProgrammeEntry } from './activities';
import { hopOf, type Hop } from './hops';
import { orgRef, programmeActivityId, projectActivityId } from './identifiers';
import type { IatiSource } from './model';
import { transactionsByActivity, type ActivityIndex } from './transactions';

const byNumber = new Intl.Collator('en', { numeric: true });
const LEVEL_ORDER = ['central', 'provincial', 'municipal', 'county'];

/** Programmes with a public catalogue entry, and any whose lines alone are published, so no published hop is left out. */
function programmeEntries(source: IatiSource): ProgrammeEntry[] {
  const entries = new Map<string, ProgrammeEntry>(source.programmes.map((p) => [p.code, p]));
  for (const l of source.lines) {
    if (!entries.has(l.programmeCode)) entries.set(l.programmeCode, { code: l.programmeCode, name: l.programmeName, level: l.programmeLevel, fiscalYear: null, purpose: null, managingOrgCode: null });
  }
  return [...entries.values()].sort((a, b) => (a.fiscalYear ?? 0) - (b.fiscalYear ?? 0) || LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.code.localeCompare(b.code));
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/**
 * The IATI 2.03 activities file: every programme (hierarchy 1) and every public project
 * (hierarchy 2) as an iati-activity, linked by the transactions of each published hop.
 */
export function buildIatiActivities(source: IatiSource, generatedAt: Date): string {
  const reporterRef = orgRef(source.reportingOrg.code);
  const programmes = programmeEntries(source);
  const programmeIds = new Map(programmes.map((p) => [p.code, programmeActivityId(reporterRef, p.code)]));
  const projects = new Map(source.projects.map((p) => [p.code, p]));
  const projectIds = new Map(source.projects.map((p) => [p.code, projectActivityId(reporterRef, p.code)]));
  const index: ActivityIndex = {
    programmeActivity: (code) => programmeIds.get(code)!,
    projectActivity: (code) => projectIds.get(code),
    project: (code) => projects.get(code),
    org: (code) => source.orgs.get(code),
  };
  const hops = [...source.lines].sort((a, b) => a.date.localeCompare(b.date) || a.transferId - b.transferId).map(hopOf);
  const ctx: ActivityContext = { reportingOrg: source.reportingOrg, index, transactions: transactionsByActivity(hops, index) };

  const hopsByProgramme = groupBy(hops, (h) => h.line.programmeCode);
  const paymentsByProject = groupBy(
    hops.filter((h) => h.kind === 'payment'),
    (h) => h.receiver.code,
  );
  const fundedBy = (projectCode: string) => [...new Set((paymentsByProject.get(projectCode) ?? []).map((h) => h.line.programmeCode))];

  const activities = [
    ...programmes.map((p) => {
      const own: Hop[] = hopsByProgramme.get(p.code) ?? [];
      const funded = [...new Set(own.filter((h) => h.kind === 'payment').map((h) => h.receiver.code))].sort().flatMap((code) => projectIds.get(code) ?? []);
      return programmeActivity(programmeIds.get(p.code)!, p, own, funded, ctx);
    }),
    ...[...projects.values()]
      .sort((a, b) => byNumber.compare(a.code, b.code))
      .map((p) =>
        projectActivity(
          projectIds.get(p.code)!,
          p,
          paymentsByProject.get(p.code) ?? [],
          fundedBy(p.code).map((code) => ({ id: programmeIds.get(code)!, entry: programmes.find((e) => e.code === code)!, hops: hopsByProgramme.get(code) ?? [] })),
          ctx,
        ),
      ),
  ];
  const generated = `${generatedAt.toISOString().slice(0, 19)}Z`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${generated}">\n${activities.join('\n')}\n</iati-activities>\n`;
}
