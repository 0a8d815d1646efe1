-- Per-site click rate limit tier (beacons and scans a minute per client): one of the
-- CLICK_LIMITER_<n> bindings in wrangler.toml. Written by hand (issue 10).
ALTER TABLE `sites` ADD `click_rate_limit` integer DEFAULT 60 NOT NULL CHECK (`click_rate_limit` IN (60, 120, 300, 600));
