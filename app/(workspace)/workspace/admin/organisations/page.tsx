import { OrganisationForm } from './_components/organisation-form';
import { listOrganisations } from '@/lib/dal/admin/organisations';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';
import { DataTable } from '@/components/table/data-table';

export const dynamic = 'force-dynamic';

export default async function OrganisationsPage() {
  const ctx = await requirePage('organisation.manage', '/workspace/admin/organisations');
  const [{ m, locale }, orgs] = await Promise.all([getI18n(), listOrganisations(ctx)]);
  const a = m.admin;
  const name = (o: { name: string; nameEn: string }) => (locale === 'en' ? o.nameEn : o.name);
  return (
    <>
      <h1>{a.organisations}</h1>
      <p className="muted">{a.organisationsLead}</p>
      <h2>{a.createOrganisation}</h2>
      <OrganisationForm organisations={orgs.map((o) => ({ id: o.id, level: o.level, kind: o.kind, label: `${'· '.repeat(o.depth)}${name(o)}` }))} a={a} levels={m.level} />
      <h2>{a.organisations}</h2>
      <DataTable
        testId="organisations"
        columns={[
          { id: 'name', header: a.orgName },
          { id: 'code', header: a.code },
          { id: 'level', header: a.level },
          { id: 'kind', header: a.kind },
        ]}
        rows={orgs.map((o) => ({
          _key: String(o.id),
          _row: { testId: `org-${o.code}` },
          // The tree shows by indentation.
          name: <span style={{ display: 'inline-block', paddingLeft: `${o.depth * 1.25}rem` }}>{name(o)}</span>,
          code: o.code,
          level: m.level[o.level],
          kind: a.orgKinds[o.kind],
        }))}
      />
    </>
  );
}
