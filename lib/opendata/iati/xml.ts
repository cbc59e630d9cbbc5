/**
 * A small XML writer: elements as strings, every text and attribute escaped here and nowhere else.
 * Characters XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE/U+FFFF)
 * are dropped, so text people typed can never make the document ill-formed.
 */

const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// In attributes also quotes, and whitespace that attribute-value normalisation would otherwise turn into spaces.
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Most values (codes, dates, amounts, plain names) need nothing: one test spares them the replacements. */
const NEEDS_WORK = /[\u0000-\u001F&<>"'\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);
}

export function escapeAttr(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}

/** Attributes in the order given; an undefined or null value leaves the attribute out. */
export type Attrs = Record<string, string | number | null | undefined>;

function attrText(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
}

/** An element whose children are already-written XML (from `el` or `text`); none makes it empty. */
export function el(name: string, attrs: Attrs = {}, children: readonly string[] = []): string {
  return children.length === 0 ? `<${name}${attrText(attrs)}/>` : `<${name}${attrText(attrs)}>${children.join('')}</${name}>`;
}

/** An element holding text only. */
export function textEl(name: string, attrs: Attrs, value: string): string {
  return `<${name}${attrText(attrs)}>${escapeText(value)}</${name}>`;
}
