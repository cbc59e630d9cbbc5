import type { Locale } from '@/lib/i18n';

/**
 * Text as officially published in Chinese (titles, 文号, descriptions, file names): shown as it
 * was issued and marked lang="zh-CN", so that English pages say which words are quoted Chinese
 * (screen readers pronounce them as Chinese; the phone journey checks nothing else is Chinese).
 */
export function Official({ children }: { children: React.ReactNode }) {
  return <span lang="zh-CN">{children}</span>;
}

/** A name as it reads in the reader's language, and `lang` when it is the quoted Chinese one. */
export interface LocalText {
  text: string;
  lang?: 'zh-CN';
}

/**
 * The text behind <LocalName>, for places that take text rather than elements (an <option>, a
 * list table's link cell): the English name in English when there is one, else the official
 * Chinese name, to be marked with `lang`.
 */
export function localText(zh: string, en: string | null | undefined, locale: Locale): LocalText {
  return locale === 'en' && en ? { text: en } : { text: zh, lang: 'zh-CN' };
}

/**
 * A reference-data name (organisation, county, zone) in the reader's language. Without an English
 * name (e.g. a plan project, which the plan names only in Chinese) the official name is quoted.
 */
export function LocalName({ zh, en, locale }: { zh: string; en: string | null | undefined; locale: Locale }) {
  const t = localText(zh, en, locale);
  return t.lang ? <Official>{t.text}</Official> : <>{t.text}</>;
}

const HAN = /\p{Script=Han}/u;

/**
 * Text people typed that has no translation (a person's display name, a reason, a note): shown
 * as typed, and marked as Chinese when it is written in Chinese.
 */
export function AsTyped({ text }: { text: string | null | undefined }) {
  if (!text) return <>{text ?? ''}</>;
  return HAN.test(text) ? <span lang="zh-CN">{text}</span> : <>{text}</>;
}

/** `lang` for an <option> or attribute holding text people typed (see AsTyped). */
export function typedLang(text: string): 'zh-CN' | undefined {
  return HAN.test(text) ? 'zh-CN' : undefined;
}

/** The text of a choice (code and name) in the reader's language, with `lang` when the name is quoted Chinese. */
export function optionText(o: { code?: string; name: string; nameEn: string | null }, locale: Locale): LocalText {
  const t = localText(o.name, o.nameEn, locale);
  return o.code ? { ...t, text: `${o.code} ${t.text}` } : t;
}

/** An <option> naming reference data in the reader's language; `extra` follows the name (a balance, say). */
export function NamedOption({ option, locale, extra }: { option: { value: string; code?: string; name: string; nameEn: string | null }; locale: Locale; extra?: string }) {
  const t = optionText(option, locale);
  return (
    <option value={option.value} lang={t.lang}>
      {`${t.text}${extra ?? ''}`}
    </option>
  );
}
