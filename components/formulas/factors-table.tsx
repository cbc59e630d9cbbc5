import { DataTable } from '@/components/table/data-table';
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
    <DataTable
      testId="factors"
      columns={[
        { id: 'code', header: f.factorCodeLabel },
        { id: 'name', header: f.factorName },
        { id: 'weight', header: f.weight, numeric: true },
        { id: 'direction', header: f.direction },
        { id: 'source', header: f.factorSource },
      ]}
      rows={factors.map((x) => ({
        _key: x.code,
        code: x.code,
        name: (
          <>
            <Official>
              {x.name}（{x.unit}）
            </Official>
            {x.isPerformance ? ` · ${f.isPerformance}` : ''}
          </>
        ),
        weight: fromScaled(BigInt(x.weightBp), 2),
        direction: f.directions[x.direction],
        source: <Official>{x.source}</Official>,
      }))}
    />
  );
}
