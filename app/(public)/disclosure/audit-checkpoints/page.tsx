import Link from 'next/link';
import { DataTable } from '@/components/table/data-table';
import { listPublicCheckpoints } from '@/lib/dal/public/audit-checkpoints';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** The audit chain's daily checkpoints: the external anchor that proves the log up to each was not rewritten. */
export default async function AuditCheckpointsPage() {
  const [{ m }, checkpoints] = await Promise.all([getI18n(), listPublicCheckpoints()]);
  const a = m.auditLog;
  return (
    <>
      <h1>{a.publicTitle}</h1>
      <p className="lead">{a.publicLead}</p>
      {checkpoints.length === 0 ? (
        <p className="muted">{a.none}</p>
      ) : (
        <DataTable
          testId="audit-checkpoints"
          columns={[
            { id: 'day', header: a.day },
            { id: 'seq', header: a.seq, numeric: true },
            { id: 'hash', header: a.hash },
            { id: 'at', header: a.at },
          ]}
          rows={checkpoints.map((c) => ({
            _key: String(c.publicationId),
            day: <Link href={`/disclosure/publications/${c.publicationId}`}>{c.day}</Link>,
            seq: c.seq,
            hash: <span className="hash">{c.hash}</span>,
            at: c.at,
          }))}
        />
      )}
    </>
  );
}
