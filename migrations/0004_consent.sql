CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`actor` text,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_site_at_idx` ON `audit_log` (`site_id`,`at`);--> statement-breakpoint
CREATE TABLE `consent_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`text_version` text,
	`evidence` text,
	`page_url` text,
	`ref` text,
	`message_id` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_events_site_dedupe_unique` ON `consent_events` (`site_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `consent_events_contact_idx` ON `consent_events` (`contact_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `consent_events_site_occurred_idx` ON `consent_events` (`site_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `consent_texts` (
	`site_id` text NOT NULL,
	`version` text NOT NULL,
	`text` text NOT NULL,
	`lang` text,
	`first_seen_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_texts_site_version_unique` ON `consent_texts` (`site_id`,`version`);--> statement-breakpoint
ALTER TABLE `clicks` ADD `optin_state` text;--> statement-breakpoint
ALTER TABLE `clicks` ADD `optin_version` text;--> statement-breakpoint
CREATE INDEX `clicks_contact_idx` ON `clicks` (`contact_id`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `public_id` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `marketing_status` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `marketing_status_at` integer;--> statement-breakpoint
ALTER TABLE `contacts` ADD `erased_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_public_id_unique` ON `contacts` (`public_id`);--> statement-breakpoint
CREATE INDEX `contacts_site_status_idx` ON `contacts` (`site_id`,`marketing_status`,`marketing_status_at`);--> statement-breakpoint
ALTER TABLE `sites` ADD `consent_keywords` text;--> statement-breakpoint
ALTER TABLE `sites` ADD `click_retention_days` integer;--> statement-breakpoint
UPDATE `contacts` SET `public_id` = 'ct_' || lower(hex(randomblob(8))) WHERE `public_id` IS NULL;
