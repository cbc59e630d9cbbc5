import { Fragment, type ReactNode } from 'react';

/**
 * A message with {placeholders} filled by elements rather than text (an amount through <Money>, a
 * name through <LocalName>): "合计 {final}" with { final: <Money …/> }. Unknown placeholders stay as written.
 */
export function Template({ text, values }: { text: string; values: Record<string, ReactNode> }) {
  const parts = text.split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 0 ? <Fragment key={i}>{part}</Fragment> : <Fragment key={i}>{part in values ? values[part] : `{${part}}`}</Fragment>))}
    </>
  );
}
