import { setLocaleAction } from '@/lib/actions/locale';
import type { Locale } from '@/lib/i18n';

export function LocaleSwitch({ locale, label }: { locale: Locale; label: string }) {
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={locale === 'zh' ? 'en' : 'zh'} />
      <button type="submit" className="link-button" lang={locale === 'zh' ? 'en' : 'zh'} data-testid="locale-switch">
        {label}
      </button>
    </form>
  );
}
