'use client';

import type { UseFormRegister, FieldValues, Path, UseFormWatch } from 'react-hook-form';
import { formatYuan, parseAmount } from '@/lib/domain/money';

export interface AmountLabels {
  amount: string;
  unitYuan: string;
  unitWan: string;
  echo: string;
}

/** Amount typed in 元 or 万元, echoed back as exact 元 and fen while typing; no float is involved. */
export function AmountField<T extends FieldValues>({ register, watch, labels, error }: { register: UseFormRegister<T>; watch: UseFormWatch<T>; labels: AmountLabels; error?: string }) {
  const amount = String(watch('amount' as Path<T>) ?? '');
  const unit = (watch('unit' as Path<T>) ?? 'yuan') as 'yuan' | 'wan';
  const parsed = amount ? parseAmount(amount, unit) : null;
  return (
    <div>
      <label htmlFor="amount">{labels.amount}</label>
      <div className="amount-row">
        <input id="amount" inputMode="decimal" autoComplete="off" {...register('amount' as Path<T>)} aria-invalid={!!error} aria-describedby="amount-echo" />
        <select aria-label={labels.unitYuan} {...register('unit' as Path<T>)}>
          <option value="yuan">{labels.unitYuan}</option>
          <option value="wan">{labels.unitWan}</option>
        </select>
      </div>
      <span id="amount-echo" className="muted" data-testid="amount-echo">
        {parsed?.ok ? labels.echo.replace('{yuan}', formatYuan(parsed.fen)).replace('{fen}', parsed.fen.toString()) : ''}
      </span>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
