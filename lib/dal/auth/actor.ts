import type { Role } from '@/lib/domain/vocabulary';
import type { Scope } from '@/lib/auth/permissions';

/** The signed-in person as the data layer sees them, re-read from the database on every request. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationId: number;
  organisationName: string;
  /** Its English name (organisations.name_en); set by every sign-in, optional only for actors the seed builds. */
  organisationNameEn?: string;
  scope: Scope;
}
