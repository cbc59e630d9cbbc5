import { Official } from '@/components/ui/local-name';
import type { ContentChange } from '@/lib/domain/publication-diff';
import type { Messages } from '@/lib/i18n/zh';

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function DiffTable({ changes, m }: { changes: ContentChange[]; m: Messages }) {
  const d = m.disclosure;
  return (
    <div className="table-wrap">
      <table data-testid="diff">
        <thead>
          <tr>
            <th>{d.path}</th>
            <th />
            <th>{d.before}</th>
            <th>{d.after}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={`${c.op}:${c.path}`}>
              <td>
                <code>{c.path}</code>
              </td>
              <td>{d.op[c.op]}</td>
              <td>
                <Official>{show(c.before)}</Official>
              </td>
              <td>
                <Official>{show(c.after)}</Official>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
