-- Whatever code path disables a user or changes their role bumps session_version: every open session ends with it.
CREATE OR REPLACE FUNCTION "revoke_sessions_on_version_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "auth_sessions" SET "revoked_at" = now() WHERE "user_id" = NEW."id" AND "revoked_at" IS NULL;
  RETURN NEW;
END;
$$;
