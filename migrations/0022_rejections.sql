-- Set-up mistakes the Worker refused, kept a short while so the site owner and the operator can
-- see them (GET /api/v1/setup, GET /api/v1/sites/diagnostics): a beacon from an origin the site
-- does not allow, a beacon or scan for an unknown site key or link, a signed webhook for an
-- account no site owns. One row per (site, kind, detail, hour) counted with ON CONFLICT DO
-- UPDATE, so a stream of the same mistake is one row an hour; `site_id` is '' when no site is
-- known (a NULL would make every row distinct to the UNIQUE index). Pruned by the hourly cron
-- after 7 days (worker/db/rejections.ts).
CREATE TABLE `rejections` (
	`site_id` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`detail` text NOT NULL,
	`hour` integer NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`last_at` integer NOT NULL
);--> statement-breakpoint
CREATE UNIQUE INDEX `rejections_site_kind_detail_hour_unique` ON `rejections` (`site_id`,`kind`,`detail`,`hour`);--> statement-breakpoint
CREATE INDEX `rejections_hour_idx` ON `rejections` (`hour`);--> statement-breakpoint
-- A site's last webhook time (GET /api/v1/setup) without scanning its messages.
CREATE INDEX `messages_site_received_idx` ON `messages` (`site_id`,`received_at`);
