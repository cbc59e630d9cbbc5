import { oc4idsAnswer } from '@/lib/api/oc4ids-answer';
import { definePublicRoute } from '@/lib/api/route';
import { listOc4idsProjects } from '@/lib/dal/public/oc4ids';

export const dynamic = 'force-dynamic';

/** Every public project as one OC4IDS project package. */
export const GET = definePublicRoute({}, async ({ request }) => oc4idsAnswer(request, await listOc4idsProjects(), 'oc4ids-projects.json'));
