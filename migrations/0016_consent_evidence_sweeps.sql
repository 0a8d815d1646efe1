-- Opt-in evidence is registered, not taken from the browser's word (worker/consent/optin-click.ts).
-- consent_texts keeps every text a beacon showed; only a registered one (registered_at set: by
-- the site's admin, or a built-in widget text naming the site) verifies opt-ins.
ALTER TABLE `consent_texts` ADD `registered_at` integer;--> statement-breakpoint
-- `admin` (POST /api/v1/sites/:id/consent-texts) or `builtin` (the widget's own text); null: only seen.
ALTER TABLE `consent_texts` ADD `registered_by` text;--> statement-breakpoint
-- 0: a widget opt-in whose text is not registered; kept as evidence, ignored by the status.
ALTER TABLE `consent_events` ADD `verified` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `consent_events_unverified_idx` ON `consent_events` (`site_id`,`text_version`) WHERE `verified` = 0;--> statement-breakpoint
-- Every opt-in recorded so far took its text from a beacon: unverified until the site registers it.
UPDATE `consent_events` SET `verified` = 0 WHERE `source` = 'widget';--> statement-breakpoint
-- The events a contact's status follows: verified ones, and a widget opt-in only when the latest
-- WhatsApp event (keyword, button, user_preferences) at or before it is not an opt-out — an
-- opt-out made in WhatsApp is reversed only in WhatsApp, never by a checkbox.
CREATE VIEW `consent_effective_events` AS
  SELECT e.* FROM `consent_events` e
  WHERE e.`verified` = 1 AND (e.`source` <> 'widget' OR coalesce((
    SELECT w.`status` FROM `consent_events` w
    WHERE w.`contact_id` = e.`contact_id` AND w.`source` <> 'widget' AND w.`verified` = 1
      AND w.`occurred_at` <= e.`occurred_at`
    ORDER BY w.`occurred_at` DESC, w.`status` = 'opted_out' DESC, w.`id` DESC LIMIT 1
  ), 'opted_in') <> 'opted_out');--> statement-breakpoint
DROP TRIGGER `consent_events_status_ai`;--> statement-breakpoint
-- The status: the latest effective event by the time the person acted; opt-out wins a tie.
CREATE TRIGGER `consent_events_status_ai` AFTER INSERT ON `consent_events` BEGIN
  UPDATE `contacts` SET (`marketing_status`, `marketing_status_at`) = (
    SELECT `status`, `occurred_at` FROM `consent_effective_events` WHERE `contact_id` = new.`contact_id`
    ORDER BY `occurred_at` DESC, `status` = 'opted_out' DESC, `id` DESC LIMIT 1)
  WHERE `id` = new.`contact_id` AND `erased_at` IS NULL;
END;--> statement-breakpoint
-- An opt-in verified later (its text registered) counts from then on, at the time it was made.
CREATE TRIGGER `consent_events_status_au` AFTER UPDATE OF `verified` ON `consent_events`
WHEN new.`verified` = 1 AND old.`verified` = 0 BEGIN
  UPDATE `contacts` SET (`marketing_status`, `marketing_status_at`) = (
    SELECT `status`, `occurred_at` FROM `consent_effective_events` WHERE `contact_id` = new.`contact_id`
    ORDER BY `occurred_at` DESC, `status` = 'opted_out' DESC, `id` DESC LIMIT 1)
  WHERE `id` = new.`contact_id` AND `erased_at` IS NULL;
END;--> statement-breakpoint
-- Registering a text verifies every opt-in made with it (a version names one text).
CREATE TRIGGER `consent_texts_registered_ai` AFTER INSERT ON `consent_texts`
WHEN new.`registered_at` IS NOT NULL BEGIN
  UPDATE `consent_events` SET `verified` = 1
  WHERE `site_id` = new.`site_id` AND `text_version` = new.`version` AND `verified` = 0;
END;--> statement-breakpoint
CREATE TRIGGER `consent_texts_registered_au` AFTER UPDATE OF `registered_at` ON `consent_texts`
WHEN old.`registered_at` IS NULL AND new.`registered_at` IS NOT NULL BEGIN
  UPDATE `consent_events` SET `verified` = 1
  WHERE `site_id` = new.`site_id` AND `text_version` = new.`version` AND `verified` = 0;
END;--> statement-breakpoint
-- Re-derive every status under the new rule (unverified opt-ins no longer count).
UPDATE `contacts` SET (`marketing_status`, `marketing_status_at`) = (
  SELECT `status`, `occurred_at` FROM `consent_effective_events` WHERE `contact_id` = `contacts`.`id`
  ORDER BY `occurred_at` DESC, `status` = 'opted_out' DESC, `id` DESC LIMIT 1)
WHERE `erased_at` IS NULL AND `marketing_status` IS NOT NULL;--> statement-breakpoint
-- Sweeps never stall (worker/inbound/retry-deliveries.ts): attempts with backoff, then set aside.
ALTER TABLE `deliveries` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `failed_at` integer;--> statement-breakpoint
-- Replays: a byte-identical body is stored once per provider (worker/inbound/process-delivery.ts).
ALTER TABLE `deliveries` ADD `body_sha256` text;--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_provider_body_unique` ON `deliveries` (`provider`,`body_sha256`);--> statement-breakpoint
-- The sweep's order: fewest attempts first (a retried poison row never goes before a fresh one).
CREATE INDEX `deliveries_pending_idx` ON `deliveries` (`attempts`,`received_at`) WHERE `processed_at` IS NULL AND `failed_at` IS NULL;
