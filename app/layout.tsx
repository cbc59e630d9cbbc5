import type { Metadata, Viewport } from 'next';
import { SiteHeader } from '@/components/layout/site-header';
import { getActor } from '@/lib/dal/auth/session';
import { getI18n } from '@/lib/i18n/server';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getI18n();
  return { title: { default: m.app.name, template: `%s · ${m.app.short}` }, description: m.app.tagline };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [{ locale, m }, actor] = await Promise.all([getI18n(), getActor()]);
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <body>
        <a href="#main" className="skip-link">
          {m.app.skipToContent}
        </a>
        <SiteHeader actor={actor && { displayName: actor.displayName, role: actor.role }} />
        <main id="main">{children}</main>
        <footer className="site-footer">
          <p>{m.app.tagline}</p>
          <p>
            <a href="/data">{m.data.footerLink}</a> · <a href="/api/docs">{m.nav.api}</a> · <a href="/api/health">{m.nav.health}</a> · <a href="/disclosure/audit-checkpoints">{m.auditLog.link}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
