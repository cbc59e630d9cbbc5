import { WorkspaceNav } from '@/components/workspace/workspace-nav';
import { getActor } from '@/lib/dal/auth/session';
import { getI18n } from '@/lib/i18n/server';

export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  const [actor, { m }] = await Promise.all([getActor(), getI18n()]);
  return (
    <>
      {actor && <WorkspaceNav actor={actor} m={m} />}
      {children}
    </>
  );
}
