ALTER TABLE `clicks` ADD `source` text;--> statement-breakpoint
ALTER TABLE `clicks` ADD `medium` text;--> statement-breakpoint
ALTER TABLE `clicks` ADD `channel` text;--> statement-breakpoint
ALTER TABLE `clicks` ADD `landing_page` text;--> statement-breakpoint
CREATE INDEX `clicks_site_created_stats_idx` ON `clicks` (`site_id`,`created_at`,`placement`,`channel`,`source`,`medium`,`utm_campaign`,`landing_page`,`link_id`);--> statement-breakpoint
CREATE INDEX `leads_site_created_stats_idx` ON `leads` (`site_id`,`created_at`,`attribution`,`click_id`);