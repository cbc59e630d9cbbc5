import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { EVERYTHING, PUBLIC_CHANGE_CHANNEL } from '@/lib/cache/public-change-channel';

export { EVERYTHING, PUBLIC_CHANGE_CHANNEL };

// NOTIFY payloads must stay under 8000 bytes.
const PAYLOAD_LIMIT = 7_000;

/**
 * Announces, inside the changing transaction, which public answers it touches. PostgreSQL delivers
 * the notice to every listening instance only when the transaction commits, and never when it
 * rolls back, so a cache is never told of a change that did not happen.
 */
export async function announcePublicChange(tx: Tx, tags: Iterable<string>): Promise<void> {
  const all = [...new Set(['public', ...tags])];
  let batch: string[] = [];
  let size = 2;
  const flush = async () => {
    if (batch.length) await tx.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${JSON.stringify(batch)})`);
    batch = [];
    size = 2;
  };
  for (const tag of all) {
    if (size + tag.length + 3 > PAYLOAD_LIMIT) await flush();
    batch.push(tag);
    size += tag.length + 3;
  }
  await flush();
}

/**
 * Tags by public code of the given programmes, projects and organisations; a project also touches
 * the pages of its counties, which list it.
 */
const TAGS_OF_IDS = (ids: { programme: string; project: string; org: string }) => sql`
  with prog as (select value::int as id from jsonb_array_elements_text(${ids.programme}::jsonb)),
  proj as (select value::int as id from jsonb_array_elements_text(${ids.project}::jsonb)),
  org as (select value::int as id from jsonb_array_elements_text(${ids.org}::jsonb)
          union select pc.county_id from project_counties pc where pc.project_id in (select id from proj))
  select 'programme:' || f.code as tag from fund_programmes f where f.id in (select id from prog)
  union select 'project:' || x.code from projects x where x.id in (select id from proj)
  union select 'org:' || o.code from organisations o where o.id in (select id from org)`;

async function tagsOfIds(tx: Tx, ids: { programme: number[]; project: number[]; org: number[] }): Promise<string[]> {
  const json = (xs: number[]) => JSON.stringify([...new Set(xs)]);
  const rows = rowsOf<{ tag: string }>(await tx.execute(TAGS_OF_IDS({ programme: json(ids.programme), project: json(ids.project), org: json(ids.org) })));
  return rows.map((r) => r.tag);
}

/**
 * The items publications name, as the tags of the public answers that show them: the programme,
 * projects and recipients of their lines (publication_items), their subject, sender and issuer.
 * A year's catalogue names every programme of the year: it touches everything.
 */
export async function tagsOfPublications(tx: Tx, publicationIds: number[]): Promise<string[]> {
  if (!publicationIds.length) return [];
  const ids = JSON.stringify([...new Set(publicationIds)]);
  const rows = rowsOf<{ kind: string; id: number }>(
    await tx.execute(sql`
      with p as (select * from publications where id in (select value::int from jsonb_array_elements_text(${ids}::jsonb))),
      i as (select pi.* from publication_items pi where pi.publication_id in (select id from p)),
      h as (
        select holder_id as id from i where holder_id is not null
        union select d.sender_holder_id from p join transfer_documents d on p.subject_type = 'transfer_document' and d.id = p.subject_id
      )
      select 'programme' as kind, programme_id as id from i where programme_id is not null
      union select 'project', project_id from i where project_id is not null
      union select 'programme', subject_id from p where subject_type = 'programme'
      union select 'programme', f.id from p join fund_programmes f on p.kind = 'evaluation_result' and coalesce(p.content->'programmeCodes', '[]'::jsonb) @> to_jsonb(f.code)
      union select 'project', subject_id from p where subject_type = 'project'
      union select 'org', issuer_org_id from p
      union select case when hh.project_id is not null then 'project' else 'org' end, coalesce(hh.project_id, hh.organisation_id)
        from h join holders hh on hh.id = h.id
      union select 'everything', 0 from p where subject_type = 'year'`),
  );
  if (rows.some((r) => r.kind === 'everything')) return [EVERYTHING];
  const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => Number(r.id));
  return tagsOfIds(tx, { programme: of('programme'), project: of('project'), org: of('org') });
}

/** Every publication an active withholding covers, whole or in part, and the withheld item itself. */
export async function tagsOfWithholding(tx: Tx, withholdingId: number): Promise<string[]> {
  const covered = rowsOf<{ publication_id: number }>(
    await tx.execute(sql`select distinct publication_id from withheld_publication_items where withholding_id = ${withholdingId}`),
  ).map((r) => Number(r.publication_id));
  const [w] = rowsOf<{ item_type: string; item_id: number; programme_id: number | null }>(
    await tx.execute(sql`select w.item_type, w.item_id, (select t.programme_id from transfers t where w.item_type = 'transfer' and t.id = w.item_id) as programme_id
      from withholdings w where w.id = ${withholdingId}`),
  );
  const own = { programme: [] as number[], project: [] as number[], org: [] as number[] };
  if (w?.item_type === 'project') own.project.push(Number(w.item_id));
  if (w?.item_type === 'programme' || w?.item_type === 'field') own.programme.push(Number(w.item_id));
  if (w?.programme_id != null) own.programme.push(Number(w.programme_id));
  return [...(await tagsOfIds(tx, own)), ...(await tagsOfPublications(tx, covered))];
}

/** A workflow item's public page: an application's project, a batch's programme. */
export async function tagsOfWorkflowItem(tx: Tx, item: { kind: string; subjectId: number }): Promise<string[]> {
  const [row] = rowsOf<{ project_id: number | null; programme_id: number | null }>(
    await tx.execute(sql`
      select (select pa.project_id from project_applications pa where ${item.kind} = 'project_application' and pa.id = ${item.subjectId}) as project_id,
             (select b.programme_id from allocation_batches b where ${item.kind} = 'allocation_batch' and b.id = ${item.subjectId}) as programme_id`),
  );
  return tagsOfIds(tx, {
    programme: row?.programme_id != null ? [Number(row.programme_id)] : [],
    project: row?.project_id != null ? [Number(row.project_id)] : [],
    org: [],
  });
}
