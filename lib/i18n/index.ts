import { en } from './en';
import { zh, type Messages } from './zh';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh';
export const LOCALE_COOKIE = 'locale';

const catalogues: Record<Locale, Messages> = { zh, en };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

/** Looks up a dotted key ("errors.forbidden") and fills {placeholders}; unknown keys fall back to errors.internal. */
export function translate(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const text = typeof node === 'string' ? node : catalogues[locale].errors.internal;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** The form.*, ledger.*, workflow.* and formula.* messages as a flat key → text map, for client forms that validate in the browser. */
export function formMessages(locale: Locale): Record<string, string> {
  const m = catalogues[locale];
  const out: Record<string, string> = {};
  const flatten = (prefix: string, group: object) => {
    for (const [k, v] of Object.entries(group)) {
      if (typeof v === 'string') out[`${prefix}.${k}`] = v;
      else if (v && typeof v === 'object') flatten(`${prefix}.${k}`, v);
    }
  };
  for (const [prefix, group] of [['form', m.form], ['ledger', m.ledger], ['workflow', m.workflow], ['formula', m.formula], ['evaluation', m.evaluation], ['findings', m.findings]] as const) flatten(prefix, group);
  return out;
}
