'use client';

import Link from 'next/link';
import { useEffect, useId, useMemo, useRef, type ReactElement, type ReactNode } from 'react';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { Money, Share } from '@/components/ui/money';
import type { Locale } from '@/lib/i18n';

/**
 * A link or a label, with an optional demo badge and a second line; `lang` marks text quoted in
 * another language than the page's (a Chinese name on an English page, see `localText`).
 */
export type TextCell = { text: string; href?: string; sub?: string; badge?: string; lang?: string };
/** An amount: decimal fen (a cell stays plain data) shown by the one money component. */
export type MoneyCell = { fen: string; locale: Locale };
/** A formula share "num/den", shown as a percentage with the exact fraction on demand. */
export type ShareCell = { share: string };
/**
 * What a cell holds: plain data, or an element a server page rendered itself (a name in the
 * reader's language, a form) when plain data cannot say it.
 */
export type Cell = string | number | null | undefined | TextCell | MoneyCell | ShareCell | ReactElement;

/** How a row shows, apart from its cells. */
export interface RowMeta {
  className?: string;
  testId?: string;
  /** data-* attributes of the row, e.g. { recipient: '140302' } → data-recipient="140302". */
  data?: Record<string, string>;
  /** The row's first cell spans this many columns; the cells it covers are not shown. */
  spanFirst?: number;
}

/** A row: one cell per column id, a stable key, and optionally how the row shows. */
export type Row = { _key: string; _row?: RowMeta; [column: string]: Cell | RowMeta };

type ColumnId<R extends Row> = Exclude<keyof R, '_key' | '_row'> & string;

export interface ColumnSpec<R extends Row = Row> {
  id: ColumnId<R>;
  header: string;
  /** Right-aligned, tabular figures, one line. */
  numeric?: boolean;
  /** data-testid of the column's cells. */
  testId?: string;
  /** Present when the server can sort by this column: the href (URL state) that sorts by it. */
  sortHref?: string;
  sorted?: 'asc' | 'desc';
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Row>();

/**
 * What the server rendered for a cell rather than plain data: an element, the children of a
 * fragment (a fragment reaches the client as an array) or the lazy reference a refresh streams
 * (which isValidElement does not recognise). React renders them all.
 */
const isRendered = (value: object): value is ReactElement => Array.isArray(value) || '$$typeof' in value;

function renderCell(value: Cell): ReactNode {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if (isRendered(value)) return value;
  if ('fen' in value) return <Money fen={value.fen} locale={value.locale} />;
  if ('share' in value) return <Share share={value.share} />;
  const body = (
    <>
      {value.lang ? <span lang={value.lang}>{value.text}</span> : value.text}
      {value.badge && <DemoBadge label={value.badge} />}
      {value.sub && <span className="fen">{value.sub}</span>}
    </>
  );
  return value.href ? <Link href={value.href}>{body}</Link> : body;
}

/**
 * The heading a table stands under: the nearest h1–h6 before it among its own and its ancestors'
 * earlier siblings, up to <main>.
 */
function headingBefore(el: HTMLElement): HTMLElement | null {
  for (let node: HTMLElement | null = el; node && node.tagName !== 'MAIN' && node !== document.body; node = node.parentElement) {
    for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) if (/^H[1-6]$/.test(sib.tagName)) return sib as HTMLElement;
  }
  return null;
}

/** aria-sort belongs on the column header, not on the link that sorts. */
const ariaSort = (sorted: 'asc' | 'desc' | undefined) => (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined);

const dataAttributes = (data: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));

/**
 * The one table of the portal's lists (TanStack Table v9): typed columns over plain rows, amounts
 * through <Money>, optional server sorting through links that carry the URL state (paging is the
 * <Pager> beside it). On a phone the table scrolls inside its box, so the page never widens; the
 * box is a named region in the tab order, so a keyboard can scroll it too (WCAG 2.1.1). Its name
 * is `label`, else the caption, else the heading the table stands under.
 */
export function DataTable<R extends Row>({
  columns,
  rows,
  caption,
  label,
  testId,
  className,
  empty,
}: {
  columns: ColumnSpec<R>[];
  rows: R[];
  caption?: string;
  /** The accessible name of the table's scrolling box, when neither a caption nor a heading says what the table is. */
  label?: string;
  testId?: string;
  className?: string;
  /** Shown instead of the table when there are no rows; without it an empty table shows. */
  empty?: string;
}) {
  const defs = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row) => (row[c.id] ?? null) as Cell, {
            id: c.id,
            header: () =>
              c.sortHref ? (
                <Link href={c.sortHref}>
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
  const table = useTable({ features, columns: defs, data: rows as Row[], getRowId: (r) => r._key });
  const uid = useId();
  const wrap = useRef<HTMLDivElement>(null);
  // Named by the heading above it once the page is in the browser (the heading is the page's, not React state of this table).
  useEffect(() => {
    const box = wrap.current;
    if (label || caption || !box) return;
    const heading = headingBefore(box);
    if (!heading) return;
    if (!heading.id) heading.id = `${uid}-heading`;
    box.setAttribute('aria-labelledby', heading.id);
  }, [label, caption, uid]);
  if (empty !== undefined && rows.length === 0) return <p className="muted">{empty}</p>;
  const byId = new Map(columns.map((c) => [c.id as string, c]));
  const cellClass = (id: string) => (byId.get(id)?.numeric ? 'num' : undefined);
  return (
    <div
      className="table-wrap"
      ref={wrap}
      role="region"
      tabIndex={0}
      aria-label={label}
      aria-labelledby={!label && caption ? `${uid}-caption` : undefined}
    >
      <table data-testid={testId} className={className}>
        {caption && (
          <caption id={`${uid}-caption`} className="muted">
            {caption}
          </caption>
        )}
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} className={cellClass(header.column.id)} aria-sort={ariaSort(byId.get(header.column.id)?.sorted)}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const meta = row.original._row;
            const span = meta?.spanFirst ?? 1;
            return (
              <tr key={row.id} className={meta?.className} data-testid={meta?.testId} {...dataAttributes(meta?.data)}>
                {row.getAllCells().map((cell, i) =>
                  i > 0 && i < span ? null : (
                    <td key={cell.id} colSpan={i === 0 && span > 1 ? span : undefined} className={i === 0 && span > 1 ? undefined : cellClass(cell.column.id)} data-testid={byId.get(cell.column.id)?.testId}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
