-- What a CRM reports after the conversation (POST /api/v1/leads/{id}/events): one row per
-- (lead, type, external id), so a repeated event changes nothing; value in millionths of the
-- currency unit so sums are exact.
CREATE TABLE `lead_events` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`type` text NOT NULL,
	`external_id` text NOT NULL,
	`value_micros` integer,
	`currency` text,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `lead_events_lead_type_external_unique` ON `lead_events` (`lead_id`,`type`,`external_id`);--> statement-breakpoint
CREATE INDEX `lead_events_site_occurred_idx` ON `lead_events` (`site_id`,`occurred_at`);
