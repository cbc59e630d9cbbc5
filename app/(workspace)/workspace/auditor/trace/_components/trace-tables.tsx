import { ROUTES } from '@/lib/auth/routes';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import type { TraceDto } from '@/lib/dal/audit/trace';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { traceNodeName } from './trace-sankey';

/**
 * The trace as a tree table: each programme's movements by hop from the source (indented by
 * depth), then each holder's position with idle balances flagged.
 */
export function TraceTables({ dto, m, locale }: { dto: TraceDto; m: Messages; locale: Locale }) {
  const t = m.trace;
  const holder = (id: number | null, programmeId: number) => (id === null ? traceNodeName(`p:${programmeId}`, dto, m, locale) : traceNodeName(`h:${id}`, dto, m, locale));
  const kinds = m.ledger.kind as Record<string, string>;
  return (
    <>
      <h2>{t.movements}</h2>
      <p className="muted">{t.lagExplain}</p>
      <DataTable
        testId="trace-movements"
        columns={[
          { id: 'level', header: t.colLevel, numeric: true },
          { id: 'id', header: t.colId, numeric: true },
          { id: 'programme', header: t.programme },
          { id: 'kind', header: t.colKind },
          { id: 'from', header: t.colFrom },
          { id: 'to', header: t.colTo },
          { id: 'amount', header: t.colAmount, numeric: true },
          { id: 'date', header: t.colDate },
          { id: 'doc', header: t.colDoc },
          { id: 'lag', header: t.colLag, numeric: true },
          { id: 'drawsFrom', header: t.colDrawsFrom },
          { id: 'reverses', header: t.colReverses },
          { id: 'reversedBy', header: t.colReversedBy },
        ]}
        rows={dto.trace.transfers.map((x) => ({
          _key: String(x.id),
          _row: { className: x.kind === 'reversal' ? 'reversal' : undefined, data: { transfer: String(x.id), kind: x.kind, depth: String(x.depth) } },
          level: x.depth,
          id: { text: `#${x.id}`, sub: m.findings.newFinding, href: `${ROUTES.newFinding.path}?type=transfer&ref=${x.id}` },
          programme: dto.programmes[x.programmeId]?.code,
          kind: kinds[x.kind] ?? x.kind,
          from: `${'　'.repeat(Math.max(0, x.depth - 1))}${holder(x.from, x.programmeId)}`,
          to: holder(x.to, x.programmeId),
          amount: moneyCell(x.amountFen, locale),
          date: x.date,
          doc: x.docNumber,
          lag: x.lagDays,
          drawsFrom: x.drawsFromDate,
          reverses: x.reversesId === null ? null : `#${x.reversesId}`,
          reversedBy: x.reversedBy.length ? x.reversedBy.map((r) => `#${r}`).join(' ') : null,
        }))}
      />
      <h2>{t.positions}</h2>
      <DataTable
        testId="trace-positions"
        columns={[
          { id: 'programme', header: t.programme },
          { id: 'holder', header: t.colHolder },
          { id: 'received', header: t.colReceived, numeric: true },
          { id: 'passedOn', header: t.colPassedOn, numeric: true },
          { id: 'held', header: t.colHeld, numeric: true },
          { id: 'lastReceived', header: t.colLastReceived },
        ]}
        rows={dto.trace.positions.map((p) => ({
          _key: `${p.programmeId}:${p.holderId}`,
          _row: { className: p.idle ? 'idle' : undefined, data: { holder: String(p.holderId), idle: String(p.idle) } },
          programme: dto.programmes[p.programmeId]?.code,
          holder: { text: holder(p.holderId, p.programmeId), sub: p.idle ? t.idle.replace('{days}', String(dto.idleDays)) : undefined },
          received: moneyCell(p.receivedFen, locale),
          passedOn: moneyCell(p.passedOnFen, locale),
          held: moneyCell(p.heldFen, locale),
          lastReceived: p.lastReceivedOn,
        }))}
      />
    </>
  );
}
