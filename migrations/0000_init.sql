CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_site_idx` ON `api_keys` (`site_id`);--> statement-breakpoint
CREATE TABLE `clicks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`ref` text NOT NULL,
	`placement` text NOT NULL,
	`page_url` text,
	`lang` text,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`utm_term` text,
	`utm_content` text,
	`gclid` text,
	`gbraid` text,
	`wbraid` text,
	`fbclid` text,
	`ttclid` text,
	`msclkid` text,
	`yclid` text,
	`referrer` text,
	`landing_url` text,
	`ga_client_id` text,
	`fbp` text,
	`fbc` text,
	`first_touch` text,
	`created_at` integer NOT NULL,
	`contact_id` integer,
	`matched_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clicks_site_ref_unique` ON `clicks` (`site_id`,`ref`);--> statement-breakpoint
CREATE INDEX `clicks_site_created_idx` ON `clicks` (`site_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`wa_id` text NOT NULL,
	`name` text,
	`first_seen_at` integer NOT NULL,
	`last_inbound_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_site_wa_unique` ON `contacts` (`site_id`,`wa_id`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`body` text NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `deliveries_unprocessed_idx` ON `deliveries` (`processed_at`,`received_at`);--> statement-breakpoint
CREATE TABLE `leads` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`contact_id` integer NOT NULL,
	`attribution` text NOT NULL,
	`click_id` integer,
	`ctwa_clid` text,
	`ctwa_source_id` text,
	`ctwa_source_url` text,
	`ctwa_source_type` text,
	`ctwa_headline` text,
	`first_message_id` text NOT NULL,
	`first_message_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`click_id`) REFERENCES `clicks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leads_site_contact_unique` ON `leads` (`site_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `leads_site_created_idx` ON `leads` (`site_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`provider_message_id` text NOT NULL,
	`site_id` text NOT NULL,
	`contact_id` integer,
	`delivery_id` text,
	`type` text NOT NULL,
	`body` text,
	`sent_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_provider_id_unique` ON `messages` (`provider`,`provider_message_id`);--> statement-breakpoint
CREATE INDEX `messages_contact_idx` ON `messages` (`contact_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`wa_number` text NOT NULL,
	`phone_number_id` text NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_key_unique` ON `sites` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `sites_phone_number_id_unique` ON `sites` (`phone_number_id`);--> statement-breakpoint
CREATE TABLE `touches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`kind` text NOT NULL,
	`click_id` integer,
	`ctwa_clid` text,
	`ctwa_source_id` text,
	`ctwa_source_url` text,
	`ctwa_source_type` text,
	`ctwa_headline` text,
	`message_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_id`) REFERENCES `leads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`click_id`) REFERENCES `clicks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `touches_message_unique` ON `touches` (`message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `touches_lead_click_unique` ON `touches` (`lead_id`,`click_id`) WHERE click_id is not null;--> statement-breakpoint
CREATE INDEX `touches_lead_idx` ON `touches` (`lead_id`,`occurred_at`);