import type { Locale } from '@/lib/i18n';

/**
 * Text as officially published in Chinese (titles, 文号, descriptions, file names): shown as it
 * was issued and marked lang="zh-CN", so that English pages say which words are quoted Chinese
 * (screen readers pronounce them as Chinese; the phone journey checks nothing else is Chinese).
 */
export function Official({ children }: { children: React.ReactNode }) {
  return <span lang="zh-CN">{children}</span>;
}

/**
 * A reference-data name (organisation, county, zone) in the reader's language. Without an English
 * name (e.g. a plan project, which the plan names only in Chinese) the official name is quoted.
 */
export function LocalName({ zh, en, locale }: { zh: string; en: string | null | undefined; locale: Locale }) {
  if (locale === 'en' && en) return <>{en}</>;
  return <Official>{zh}</Official>;
}
