-- A contact is one person across every identifier a channel sends (worker/identity/): WhatsApp's
-- business-scoped user id (BSUID) and phone today, other channels' ids later — as rows of
-- contact_identities, so a new kind needs no migration. contacts.wa_id becomes an optional
-- attribute (a username user's phone is withheld), with the BSUID, its parent and the username.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
-- The status triggers name `contacts`; SQLite refuses to rename a table while they point at none.
DROP TRIGGER IF EXISTS `consent_events_status_ai`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `consent_events_status_au`;--> statement-breakpoint
CREATE TABLE `__new_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`wa_id` text,
	`user_id` text,
	`parent_user_id` text,
	`username` text,
	`name` text,
	`first_seen_at` integer NOT NULL,
	`last_inbound_at` integer NOT NULL,
	`public_id` text,
	`marketing_status` text,
	`marketing_status_at` integer,
	`erased_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
-- Rows keyed on a BSUID before (`US.1349…`: a country code and a dot) move it to user_id;
-- erased rows (`erased:…`) keep neither.
INSERT INTO `__new_contacts` (`id`, `site_id`, `wa_id`, `user_id`, `name`, `first_seen_at`,
  `last_inbound_at`, `public_id`, `marketing_status`, `marketing_status_at`, `erased_at`)
SELECT `id`, `site_id`,
  CASE WHEN `erased_at` IS NULL AND `wa_id` NOT LIKE 'erased:%' AND instr(`wa_id`, '.') = 0 THEN `wa_id` END,
  CASE WHEN `erased_at` IS NULL AND `wa_id` NOT LIKE 'erased:%' AND instr(`wa_id`, '.') > 0 THEN `wa_id` END,
  `name`, `first_seen_at`, `last_inbound_at`, `public_id`, `marketing_status`, `marketing_status_at`, `erased_at`
FROM `contacts`;--> statement-breakpoint
DROP TABLE `contacts`;--> statement-breakpoint
ALTER TABLE `__new_contacts` RENAME TO `contacts`;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_public_id_unique` ON `contacts` (`public_id`);--> statement-breakpoint
CREATE INDEX `contacts_site_status_idx` ON `contacts` (`site_id`,`marketing_status`,`marketing_status_at`);--> statement-breakpoint
-- Every identifier of a person, per site: kind (`wa_user`: BSUID, current or an alias kept after
-- a change; `wa_phone`: phone digits) and value → the one contact. The primary key is the look-up.
CREATE TABLE `contact_identities` (
	`site_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`contact_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `kind`, `value`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;--> statement-breakpoint
CREATE INDEX `contact_identities_contact_idx` ON `contact_identities` (`contact_id`);--> statement-breakpoint
INSERT INTO `contact_identities` (`site_id`, `kind`, `value`, `contact_id`, `created_at`)
SELECT `site_id`, 'wa_phone', `wa_id`, `id`, `first_seen_at` FROM `contacts` WHERE `wa_id` IS NOT NULL;--> statement-breakpoint
INSERT INTO `contact_identities` (`site_id`, `kind`, `value`, `contact_id`, `created_at`)
SELECT `site_id`, 'wa_user', `user_id`, `id`, `first_seen_at` FROM `contacts` WHERE `user_id` IS NOT NULL;--> statement-breakpoint
-- Two contacts a payload proved to be one person: written pending in the message's batch, then
-- merged in a batch of their own (worker/identity/merge.ts); kept as the audit of the merge. The
-- identifiers are cleared once merged (personal data), the public ids stay.
CREATE TABLE `contact_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`reason` text NOT NULL,
	`kind_a` text NOT NULL,
	`value_a` text,
	`kind_b` text NOT NULL,
	`value_b` text,
	`winner_id` integer,
	`loser_id` integer,
	`winner_public_id` text,
	`loser_public_id` text,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `contact_merges_pending_unique` ON `contact_merges` (`site_id`,`kind_a`,`value_a`,`kind_b`,`value_b`) WHERE `completed_at` IS NULL;--> statement-breakpoint
CREATE INDEX `contact_merges_site_created_idx` ON `contact_merges` (`site_id`,`created_at`);--> statement-breakpoint
-- A contact's current phone and BSUID name it (worker/identity/sender-contact.ts): kept in the
-- contact upsert's own statement, unless a contact holds the identifier already. (NOT EXISTS, not
-- INSERT OR IGNORE: the outer statement's conflict handling would override the trigger's.)
CREATE TRIGGER `contacts_identities_ai` AFTER INSERT ON `contacts` BEGIN
  INSERT INTO `contact_identities` (`site_id`, `kind`, `value`, `contact_id`, `created_at`)
  SELECT new.`site_id`, ids.`kind`, ids.`value`, new.`id`, new.`first_seen_at`
  FROM (SELECT 'wa_user' AS `kind`, new.`user_id` AS `value` UNION ALL SELECT 'wa_phone', new.`wa_id`) ids
  WHERE ids.`value` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `contact_identities` c
    WHERE c.`site_id` = new.`site_id` AND c.`kind` = ids.`kind` AND c.`value` = ids.`value`);
END;--> statement-breakpoint
CREATE TRIGGER `contacts_identities_au` AFTER UPDATE OF `wa_id`, `user_id` ON `contacts` BEGIN
  INSERT INTO `contact_identities` (`site_id`, `kind`, `value`, `contact_id`, `created_at`)
  SELECT new.`site_id`, ids.`kind`, ids.`value`, new.`id`, new.`last_inbound_at`
  FROM (SELECT 'wa_user' AS `kind`, new.`user_id` AS `value` UNION ALL SELECT 'wa_phone', new.`wa_id`) ids
  WHERE ids.`value` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `contact_identities` c
    WHERE c.`site_id` = new.`site_id` AND c.`kind` = ids.`kind` AND c.`value` = ids.`value`);
END;--> statement-breakpoint
-- The status triggers again, as in 0016 (unchanged).
CREATE TRIGGER `consent_events_status_ai` AFTER INSERT ON `consent_events` BEGIN
  UPDATE `contacts` SET (`marketing_status`, `marketing_status_at`) = (
    SELECT `status`, `occurred_at` FROM `consent_effective_events` WHERE `contact_id` = new.`contact_id`
    ORDER BY `occurred_at` DESC, `status` = 'opted_out' DESC, `id` DESC LIMIT 1)
  WHERE `id` = new.`contact_id` AND `erased_at` IS NULL;
END;--> statement-breakpoint
CREATE TRIGGER `consent_events_status_au` AFTER UPDATE OF `verified` ON `consent_events`
WHEN new.`verified` = 1 AND old.`verified` = 0 BEGIN
  UPDATE `contacts` SET (`marketing_status`, `marketing_status_at`) = (
    SELECT `status`, `occurred_at` FROM `consent_effective_events` WHERE `contact_id` = new.`contact_id`
    ORDER BY `occurred_at` DESC, `status` = 'opted_out' DESC, `id` DESC LIMIT 1)
  WHERE `id` = new.`contact_id` AND `erased_at` IS NULL;
END;--> statement-breakpoint
PRAGMA defer_foreign_keys = off;
