-- Chat apps other than the WhatsApp number on `sites`: a site's Telegram bots (and, later,
-- Messenger pages, Instagram accounts, WhatsApp through 360dialog or Twilio). One row per
-- provider account; `secret` is sealed like destination credentials (forward/secrets.ts).
CREATE TABLE `channel_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`channel` text NOT NULL,
	`provider` text NOT NULL,
	`account_id` text NOT NULL,
	`username` text,
	`secret` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
CREATE UNIQUE INDEX `channel_connections_account_unique` ON `channel_connections` (`provider`,`account_id`);--> statement-breakpoint
CREATE INDEX `channel_connections_site_idx` ON `channel_connections` (`site_id`);--> statement-breakpoint
-- The chat app and provider of a lead's first message (every lead so far: WhatsApp, Cloud API);
-- chat_app, as on clicks (0018), because `channel` there is the GA4 channel group.
ALTER TABLE `leads` ADD `chat_app` text DEFAULT 'whatsapp' NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `provider` text DEFAULT 'whatsapp' NOT NULL;
