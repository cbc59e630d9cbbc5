import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { payeeJson } from '@/lib/api/public-resource-json';
import { codeParams, parseNoQuery } from '@/lib/api/public-resource-queries';
import { payeeSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { getPayeeMoney } from '@/lib/dal/public/payees';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** What a payee was paid, as /payees/{code} shows it; a payee no published line pays is a 404. */
export const GET = definePublicRoute({ params: codeParams }, async ({ request, params }) => {
  parseNoQuery(new URL(request.url).searchParams);
  const payee = await getPayeeMoney(params.code);
  if (!payee) throw new AppError('not_found');
  return jsonOf(payeeSchema, payeeJson(payee), { headers: { 'cache-control': PUBLIC_BRIEF } });
});
