import { OrganisationForm } from '@/components/admin/organisation-form';
import { listOrganisations } from '@/lib/dal/organisations';
import { requirePage } from '@/lib/dal/page-guard';
import { getI18n } from '@/lib/i18n/server';

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
      <div className="table-wrap">
        <table data-testid="organisations">
          <thead>
            <tr>
              <th>{a.orgName}</th>
              <th>{a.code}</th>
              <th>{a.level}</th>
              <th>{a.kind}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id} data-testid={`org-${o.code}`}>
                <td style={{ paddingLeft: `${0.5 + o.depth * 1.25}rem` }}>{name(o)}</td>
                <td>{o.code}</td>
                <td>{m.level[o.level]}</td>
                <td>{a.orgKinds[o.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
