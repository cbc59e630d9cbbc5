import { DefinitionEditor } from './_components/definition-editor';
import { WORKFLOW_KINDS } from '@/lib/domain/vocabulary';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { definitionSchema, EFFECTS_BY_KIND } from '@/lib/domain/workflow';
import { listDefinitions } from '@/lib/dal/workflow/definitions';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function WorkflowDefinitionsPage() {
  const ctx = await requirePage('settings.manage', '/workspace/admin/workflows');
  const [{ m, locale }, defs] = await Promise.all([getI18n(), listDefinitions(ctx)]);
  const w = m.workflow;
  return (
    <>
      <h1>{w.definitions}</h1>
      {WORKFLOW_KINDS.map((kind) => {
        const versions = defs.filter((d) => d.kind === kind);
        const active = versions.find((d) => d.active);
        return (
          <section key={kind} className="stack">
            <h2>{w.kinds[kind]}</h2>
            <ul>
              {versions.map((d) => (
                <li key={d.id}>
                  {w.definitionVersion.replace('{version}', String(d.version))} · {d.createdAt.toISOString().slice(0, 10)}
                  {d.active && <strong> · {w.definitionActive}</strong>}
                </li>
              ))}
            </ul>
            {active && <DefinitionEditor kind={kind} definition={definitionSchema.parse(active.definition)} effects={EFFECTS_BY_KIND[kind]} w={w} roles={m.roles} levels={m.level} locale={locale} />}
          </section>
        );
      })}
    </>
  );
}
