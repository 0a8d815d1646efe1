-- Inferred attribution (issue 15): a lead whose first message lost its ref may be attributed to a
-- recent open click, labelled `inferred` (worker/attribution/infer-score.ts). Hand-written.
-- Per site: `inference` on (default) or off. Per destination: `include_inferred` (default off: a
-- destination gets only exact leads unless its owner opts in). Per lead: the inference's score
-- and reasons (JSON), null unless attribution = 'inferred'.
ALTER TABLE `sites` ADD `inference` text DEFAULT 'on' NOT NULL CHECK (`inference` IN ('on', 'off'));--> statement-breakpoint
ALTER TABLE `destinations` ADD `include_inferred` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `leads` ADD `inference` text;--> statement-breakpoint
-- The open clicks of a site in a time range (the inference's one bounded read per ref-less first
-- message): a partial index, so matched clicks never enter the scan.
CREATE INDEX `clicks_site_open_idx` ON `clicks` (`site_id`,`created_at`) WHERE contact_id is null;
