DROP INDEX `leads_site_created_stats_idx`;--> statement-breakpoint
CREATE INDEX `leads_site_created_stats_idx` ON `leads` (`site_id`,`created_at`,`attribution`,`click_id`,`id`);