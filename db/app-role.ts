/**
 * The privileges of the role the portal runs as on PostgreSQL (README, "The database keeps the log").
 * The owner migrates; the application role reads and writes the working tables, and may only read
 * and insert into the append-only ones: no UPDATE, DELETE or TRUNCATE there, by privilege as well as
 * by trigger. It creates nothing, so it cannot replace a trigger or a function either.
 */
export const APPEND_ONLY_TABLES = [
  'audit_log',
  'audit_checkpoints',
  'transfers',
  'expenditures',
  'publications',
  'publication_items',
  'workflow_transitions',
  'security_events',
  'finding_answers',
  'finding_answer_evidence',
  'finding_events',
  'feedback_answers',
  'feedback_events',
] as const;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The statements that give `role` exactly that, idempotent: run them again after every migration that adds a table. */
export function appRoleGrants(role: string): string[] {
  const r = ident(role);
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.map(ident).join(', ')} FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`,
    // Start-up asks which migrations are applied (and applies none: the owner does).
    `GRANT USAGE ON SCHEMA drizzle TO ${r}`,
    `GRANT SELECT ON drizzle.__drizzle_migrations TO ${r}`,
  ];
}
