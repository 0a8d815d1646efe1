-- Key scope `events`: a key that opens nothing in the API and is the secret of a CRM hook URL
-- (POST /webhooks/crm/<key>). SQLite cannot change a CHECK, so the table is rebuilt with the same
-- columns, rows and indexes (nothing references api_keys).
CREATE TABLE `__new_api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`prefix` text,
	`scope` text DEFAULT 'full' NOT NULL CHECK (`scope` IN ('read', 'full', 'events')),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_api_keys` (`id`, `site_id`, `name`, `key_hash`, `created_at`, `revoked_at`, `prefix`, `scope`)
  SELECT `id`, `site_id`, `name`, `key_hash`, `created_at`, `revoked_at`, `prefix`, `scope` FROM `api_keys`;--> statement-breakpoint
DROP TABLE `api_keys`;--> statement-breakpoint
ALTER TABLE `__new_api_keys` RENAME TO `api_keys`;--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_site_idx` ON `api_keys` (`site_id`);
