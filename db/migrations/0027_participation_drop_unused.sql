ALTER TABLE "follows" DROP CONSTRAINT "follows_who";--> statement-breakpoint
ALTER TABLE "feedback" DROP CONSTRAINT "feedback_answered_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "follows" DROP COLUMN "citizen_contact_hash";--> statement-breakpoint
ALTER TABLE "feedback" DROP COLUMN "answer";--> statement-breakpoint
ALTER TABLE "feedback" DROP COLUMN "answered_by";--> statement-breakpoint
ALTER TABLE "feedback" DROP COLUMN "answered_at";