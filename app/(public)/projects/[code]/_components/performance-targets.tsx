import Link from 'next/link';
import { DataTable } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { Official } from '@/components/ui/local-name';
import type { ProjectTargetsDto } from '@/lib/dal/public/project-disclosure';
import type { Messages } from '@/lib/i18n/zh';

/** Each funded application's performance targets, as the document that issued its money published them. */
export function PerformanceTargets({ funded, m }: { funded: ProjectTargetsDto[]; m: Messages }) {
  const p = m.citizen.project;
  if (funded.length === 0) return <p className="muted">{p.targetsEmpty}</p>;
  return (
    <>
      {funded.map((f) => (
        <section key={f.applicationCode} data-testid="project-targets" data-application={f.applicationCode}>
          <h3>
            {p.targetsOf.split(/(\{application\}|\{doc\}|\{date\})/).map((part, i) =>
              part === '{application}' ? (
                <span key={i}>{f.applicationCode}</span>
              ) : part === '{doc}' ? (
                <Link key={i} href={`/disclosure/publications/${f.publicationId}`}>
                  <Official>{f.docNumber}</Official>
                </Link>
              ) : part === '{date}' ? (
                <span key={i}>{f.date}</span>
              ) : (
                part
              ),
            )}
            {f.isDemo && <DemoBadge label={m.app.demoBadge} />}
          </h3>
          <DataTable
            label={p.targets}
            columns={[
              { id: 'name', header: p.targetName },
              { id: 'category', header: p.targetCategory },
              { id: 'target', header: p.targetValue, numeric: true },
            ]}
            rows={f.targets.map((t, i) => ({
              _key: String(i),
              name: <Official>{t.name}</Official>,
              category: `${m.workflow.categories[t.category]} · ${m.workflow.subcategories[t.subcategory]}`,
              target: (
                <>
                  {t.targetValue} <Official>{t.unit}</Official>
                </>
              ),
            }))}
          />
        </section>
      ))}
    </>
  );
}
