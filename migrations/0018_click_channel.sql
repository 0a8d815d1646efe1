-- The chat app a click opened (the beacon's `channel`): whatsapp | telegram | messenger | instagram.
-- Named chat_app because clicks.channel is already the GA4 channel group (0003_stats.sql).
-- Rows from before, and scans of campaign links, are WhatsApp's.
ALTER TABLE `clicks` ADD `chat_app` text DEFAULT 'whatsapp' NOT NULL;
