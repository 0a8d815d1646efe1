-- Key scopes: `read` (every GET) or `full` (everything). Keys that exist today keep what they
-- could do, so they become `full`; the admin API writes the scope of every new key explicitly
-- (default `read`, a new site's first key `full`).
ALTER TABLE `api_keys` ADD `scope` text DEFAULT 'full' NOT NULL CHECK (`scope` IN ('read', 'full'));
