// Fills a migrated, seeded database with published transfer lines fast, in SQL alone: `documents`
// allocation results (subject type transfer_document, version 1), each listing `linesPerDocument`
// allocations from the city's finance bureau to the five counties, as the disclosure code writes
// them (lib/domain/transfer-document.ts). They are read model rows only (publications, no ledger
// rows), which is all the public exports read: public_transfer_lines expands exactly these.
// Transfer ids start at 100,000,000 so they never meet the ledger's own.

export const BENCH_FIRST_TRANSFER_ID = 100_000_000;

/** The SQL that adds `documents` × `linesPerDocument` public lines (non-demo, so always shown). */
export function benchLinesSql(documents, linesPerDocument) {
  const d = Math.trunc(documents);
  const l = Math.trunc(linesPerDocument);
  if (!(d > 0 && l > 0)) throw new Error('documents and lines per document must be positive');
  return `
insert into publications (kind, subject_type, subject_id, version, title, content, notice, content_hash, issuer_org_id, doc_number, data_as_of, event_at, published_at, is_demo)
select 'allocation_result', 'transfer_document', 900000000 + d, 1,
       '阳财建〔2026〕B' || d || '号 资金分配结果',
       doc.content, '', md5(doc.content::text), city.id, '阳财建〔2026〕B' || d || '号', date '2026-06-01', now(), now(), false
from generate_series(1, ${d}) d
cross join (select id, code, name, name_en from organisations where code = '140300-CZJ') city
cross join lateral (
  select jsonb_build_object(
    'docNumber', '阳财建〔2026〕B' || d || '号',
    'sender', jsonb_build_object('code', city.code, 'name', city.name, 'nameEn', city.name_en, 'kind', 'organisation', 'countyCode', null),
    'lines', jsonb_agg(jsonb_build_object(
      'transferId', ${BENCH_FIRST_TRANSFER_ID} + (d - 1) * ${l} + i,
      'kind', 'allocation',
      'date', '2026-06-01',
      'docNumber', '阳财建〔2026〕B' || d || '号',
      'programmeCode', 'BENCH-2026',
      'programmeName', '2026年市级生态修复资金（基准测试）',
      'programmeLevel', 'municipal',
      'from', jsonb_build_object('code', city.code, 'name', city.name, 'nameEn', city.name_en, 'kind', 'organisation', 'countyCode', null),
      'to', jsonb_build_object('code', c.code, 'name', c.name, 'nameEn', c.name_en, 'kind', 'organisation', 'countyCode', c.code),
      'projectCode', null,
      'amountFen', (100 + (i * 7919) % 1000000)::text,
      'reversesTransferId', null
    ) order by i)) as content
  from generate_series(1, ${l}) i
  join lateral (
    select code, name, name_en from organisations where level = 'county' and kind = 'government'
    order by code offset (i % 5) limit 1
  ) c on true
) doc`;
}
