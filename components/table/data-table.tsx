'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { Money } from '@/components/ui/money';
import type { Locale } from '@/lib/i18n';

/** A cell is plain data so server pages can pass it to this client table. */
export type Cell = string | number | null | { text: string; href?: string; sub?: string; badge?: string } | MoneyCell;
/** An amount: decimal fen (bigint does not cross to the client) shown by the one money component. */
export type MoneyCell = { fen: string; locale: Locale };
export type Row = Record<string, Cell> & { _key: string };

export interface ColumnSpec {
  id: string;
  header: string;
  numeric?: boolean;
  /** Present when the server can sort by this column: the href that sorts by it. */
  sortHref?: string;
  sorted?: 'asc' | 'desc';
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Row>();

function renderCell(value: Cell) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if ('fen' in value) return <Money fen={value.fen} locale={value.locale} />;
  const body = (
    <>
      {value.text}
      {value.badge && <span className="demo-badge">{value.badge}</span>}
      {value.sub && <span className="fen">{value.sub}</span>}
    </>
  );
  return value.href ? <Link href={value.href}>{body}</Link> : body;
}

export function DataTable({ columns, rows, caption, testId }: { columns: ColumnSpec[]; rows: Row[]; caption?: string; testId?: string }) {
  const defs = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row) => row[c.id] ?? null, {
            id: c.id,
            header: () =>
              c.sortHref ? (
                <Link href={c.sortHref} aria-sort={c.sorted === 'asc' ? 'ascending' : c.sorted === 'desc' ? 'descending' : undefined}>
                  {c.header}
                  {c.sorted === 'asc' ? ' ▲' : c.sorted === 'desc' ? ' ▼' : ''}
                </Link>
              ) : (
                c.header
              ),
            cell: (info) => renderCell(info.getValue() as Cell),
          }),
        ),
      ),
    [columns],
  );
  const table = useTable({ features, columns: defs, data: rows, getRowId: (r) => r._key });
  const numeric = new Set(columns.filter((c) => c.numeric).map((c) => c.id));
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        {caption && <caption className="muted">{caption}</caption>}
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} className={numeric.has(header.column.id) ? 'num' : undefined}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={numeric.has(cell.column.id) ? 'num' : undefined}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
