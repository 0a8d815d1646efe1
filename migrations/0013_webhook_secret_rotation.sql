ALTER TABLE `destinations` ADD `previous_secret` text;--> statement-breakpoint
ALTER TABLE `destinations` ADD `previous_secret_until` integer;