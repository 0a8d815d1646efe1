-- The demo site's local defaults (a documented contract; local only — see README "Local demo contract").
-- Re-running keeps the demo site as documented.
INSERT INTO sites (id, key, name, wa_number, phone_number_id, allowed_origins, created_at)
VALUES ('site_demo', 'demo', 'Lumen Coffee', '15550001111', '100000000000001',
        '["http://127.0.0.1:*","http://localhost:*"]', CAST(unixepoch('subsec') * 1000 AS INTEGER))
ON CONFLICT (id) DO UPDATE SET key = excluded.key, wa_number = excluded.wa_number,
  phone_number_id = excluded.phone_number_id, allowed_origins = excluded.allowed_origins;

-- API key "dev-api-key", stored as its SHA-256.
INSERT INTO api_keys (id, site_id, name, key_hash, created_at)
VALUES ('key_demo', 'site_demo', 'Local demo key',
        '6e1e4e1b8f8b36d08901cdb51b97841dfe20f5efd2fd2fd00768971408c46274', CAST(unixepoch('subsec') * 1000 AS INTEGER))
ON CONFLICT (id) DO UPDATE SET key_hash = excluded.key_hash, revoked_at = NULL;
