'use client';

import { useState } from 'react';
import { formatMoney, type MoneyLocale } from '@/lib/domain/money';
import { percentOf } from '@/lib/domain/decimal';

/**
 * A short reading with the exact value one tap away (and on hover). Inline only (a button and
 * spans), so it may stand inside a paragraph or a table cell; no hook-free server copy is needed
 * because a client component renders on the server too.
 */
function ExactOnDemand({ text, exact, className, data }: { text: string; exact: string; className: string; data: Record<string, string> }) {
  const [open, setOpen] = useState(false);
  return (
    <span className={className} {...data}>
      <button type="button" className="exact-toggle" title={exact} aria-expanded={open} onClick={() => setOpen(!open)}>
        {text}
      </button>
      {/* Always in the document (copy, search, find-in-page); shown on demand. */}
      <span className="exact" hidden={!open}>
        {exact}
      </span>
    </span>
  );
}

/**
 * Every amount of the portal goes through this component: 元 / 万元 / 亿元 in Chinese, CNY with
 * million / billion in English, the exact 元 on demand. Accepts bigint or the decimal fen string
 * of published JSON, never a number.
 */
export function Money({ fen, locale }: { fen: bigint | string; locale: MoneyLocale }) {
  const value = typeof fen === 'bigint' ? fen : BigInt(fen);
  const m = formatMoney(value, locale);
  const data = { 'data-fen': value.toString() };
  if (!m.scaled) {
    return (
      <span className="money" {...data}>
        {m.exact}
      </span>
    );
  }
  return <ExactOnDemand text={m.text} exact={m.exact} className="money" data={data} />;
}

/** A formula share "num/den" as a percentage, the exact fraction on demand. */
export function Share({ share }: { share: string }) {
  const [num, den] = share.split('/');
  const text = den === undefined ? share : percentOf(BigInt(num!), BigInt(den), 2);
  return <ExactOnDemand text={text} exact={share} className="share" data={{ 'data-share': share }} />;
}
