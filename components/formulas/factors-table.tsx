import { Official } from '@/components/ui/local-name';
import { fromScaled } from '@/lib/domain/decimal';
import type { Messages } from '@/lib/i18n/zh';

export interface FactorRow {
  code: string;
  name: string;
  unit: string;
  source: string;
  direction: 'more_is_more' | 'less_is_more';
  weightBp: number;
  isPerformance: boolean;
}

/** A formula's factors (names, units and sources as their officers published them) with their weights (basis points shown as exact percentages), direction and source. */
export function FactorsTable({ factors, f }: { factors: FactorRow[]; f: Messages['formula'] }) {
  return (
    <div className="table-wrap">
      <table data-testid="factors">
        <thead>
          <tr>
            <th>{f.factorCodeLabel}</th>
            <th>{f.factorName}</th>
            <th className="num">{f.weight}</th>
            <th>{f.direction}</th>
            <th>{f.factorSource}</th>
          </tr>
        </thead>
        <tbody>
          {factors.map((x) => (
            <tr key={x.code}>
              <td>{x.code}</td>
              <td>
                <Official>
                  {x.name}（{x.unit}）
                </Official>
                {x.isPerformance ? ` · ${f.isPerformance}` : ''}
              </td>
              <td className="num">{fromScaled(BigInt(x.weightBp), 2)}</td>
              <td>{f.directions[x.direction]}</td>
              <td>
                <Official>{x.source}</Official>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
