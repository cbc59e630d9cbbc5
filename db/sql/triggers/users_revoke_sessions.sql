CREATE OR REPLACE TRIGGER "users_revoke_sessions" AFTER UPDATE OF "session_version" ON "users" FOR EACH ROW
  WHEN (NEW."session_version" IS DISTINCT FROM OLD."session_version") EXECUTE FUNCTION "revoke_sessions_on_version_change"();
