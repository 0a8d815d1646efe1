-- Consent Mode (issue 13). Written by hand; the lead reconciles drizzle's snapshots.
-- The click's Yandex Metrica ClientId (the `_ym_uid` cookie), sent as `ClientId` in Metrica uploads.
ALTER TABLE `clicks` ADD `ym_uid` text;
-- The visitor's Google Consent Mode state at click time: JSON of the types the page set, e.g.
-- {"ad_user_data":"denied","ad_personalization":"denied"}; null when the page set none. One column
-- (one bound value on the click insert, the hot path) rather than four.
ALTER TABLE `clicks` ADD `consent` text;
-- What a lead's consent is when its click says nothing (or it has no click): 'granted' keeps
-- existing sites as they were; a site with EEA visitors and no consent banner sets 'denied'.
ALTER TABLE `sites` ADD `consent_default` text DEFAULT 'granted' NOT NULL;
-- A destination's own default, overriding the site's; null = the site's.
ALTER TABLE `destinations` ADD `consent_default` text;
