import Link from 'next/link';
import { withParams, type SearchParams } from '@/lib/table/url-state';

export function Pager({ params, page, pageSize, total, labels }: { params: SearchParams; page: number; pageSize: number; total: number; labels: { prev: string; next: string; of: string } }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label="pagination">
      {page > 1 ? <Link href={withParams(params, { page: page - 1 })}>{labels.prev}</Link> : <span className="muted">{labels.prev}</span>}
      <span data-testid="pager-status">
        {page} / {pages} · {labels.of.replace('{total}', String(total))}
      </span>
      {page < pages ? <Link href={withParams(params, { page: page + 1 })}>{labels.next}</Link> : <span className="muted">{labels.next}</span>}
    </nav>
  );
}
