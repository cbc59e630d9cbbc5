import { z } from 'zod';
import { ChainTree } from './_components/chain-tree';
import { LocalName, NamedOption } from '@/components/ui/local-name';
import { chainForPayee, chainForProgramme, chainForProject, type ChainDto } from '@/lib/dal/ledger/chain';
import { chainChoices } from '@/lib/dal/ledger/chain-options';
import type { NamedOption as Choice } from '@/lib/dal/ledger/named';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { AppError } from '@/lib/errors';
import { getI18n } from '@/lib/i18n/server';
import type { SearchParams } from '@/lib/table/url-state';

export const dynamic = 'force-dynamic';

const idParam = z.coerce.number().int().positive().optional().catch(undefined);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ChainPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePage('transfer.read', '/workspace/chain');
  const { m, locale } = await getI18n();
  const u = m.ledgerUi;
  const programme = idParam.parse(one(params.programme));
  const project = idParam.parse(one(params.project));
  const payee = idParam.parse(one(params.payee));
  const choices = await chainChoices(ctx);
  let chain: ChainDto | null = null;
  let notFound = false;
  try {
    if (programme) chain = await chainForProgramme(ctx, programme);
    else if (project) chain = await chainForProject(ctx, project);
    else if (payee) chain = await chainForPayee(ctx, payee);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'not_found')) throw e;
    notFound = true;
  }
  const picker = (name: string, label: string, options: Choice[], current?: number) => (
    <form method="get" className="filters">
      <label>
        {label}
        <select name={name} defaultValue={current ? String(current) : ''} data-testid={`chain-pick-${name}`}>
          <option value="">{u.choose}</option>
          {options.map((o) => (
            <NamedOption key={o.value} option={o} locale={locale} />
          ))}
        </select>
      </label>
      <button className="secondary" type="submit">
        {u.filter}
      </button>
    </form>
  );
  return (
    <>
      <h1>{u.chainTitle}</h1>
      {picker('programme', u.chainProgramme, choices.programmes, programme)}
      {picker('project', u.chainProject, choices.projects, project)}
      {picker('payee', u.chainPayee, choices.payees, payee)}
      {notFound && <p className="error">{m.errors.not_found}</p>}
      {chain && (
        <>
          <h2 data-testid="chain-title">
            <LocalName zh={chain.title} en={chain.titleEn} locale={locale} />
          </h2>
          <ChainTree chain={chain} m={m} locale={locale} />
        </>
      )}
    </>
  );
}
