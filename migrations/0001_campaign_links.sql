CREATE TABLE `links` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`utm_term` text,
	`utm_content` text,
	`message` text,
	`lang` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_code_unique` ON `links` (`code`);--> statement-breakpoint
CREATE INDEX `links_site_created_idx` ON `links` (`site_id`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `clicks` ADD `link_id` text REFERENCES links(id);--> statement-breakpoint
ALTER TABLE `clicks` ADD `device_class` text;--> statement-breakpoint
ALTER TABLE `clicks` ADD `country` text;--> statement-breakpoint
CREATE INDEX `clicks_link_idx` ON `clicks` (`link_id`);--> statement-breakpoint
CREATE INDEX `leads_click_idx` ON `leads` (`click_id`);