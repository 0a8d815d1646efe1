-- The demo site's local defaults (a documented contract; local only — see README "Local demo contract").
-- Re-running keeps the demo site as documented.
INSERT INTO sites (id, key, name, wa_number, phone_number_id, allowed_origins, waba_id, created_at)
VALUES ('site_demo', 'demo', 'Lumen Coffee', '15550001111', '100000000000001',
        '["http://127.0.0.1:*","http://localhost:*"]', '100000000000009',
        CAST(unixepoch('subsec') * 1000 AS INTEGER))
ON CONFLICT (id) DO UPDATE SET key = excluded.key, wa_number = excluded.wa_number,
  phone_number_id = excluded.phone_number_id, allowed_origins = excluded.allowed_origins,
  waba_id = excluded.waba_id;

-- API key "dev-api-key", stored as its SHA-256.
INSERT INTO api_keys (id, site_id, name, key_hash, created_at)
VALUES ('key_demo', 'site_demo', 'Local demo key',
        '6e1e4e1b8f8b36d08901cdb51b97841dfe20f5efd2fd2fd00768971408c46274', CAST(unixepoch('subsec') * 1000 AS INTEGER))
ON CONFLICT (id) DO UPDATE SET key_hash = excluded.key_hash, revoked_at = NULL;

-- Forwarding destinations pointing at the local receiver (scripts/local-receiver.mjs), which
-- `npm start` runs; it rewrites http://127.0.0.1:8790 to the receiver's actual address. The
-- credentials are stored unencrypted ("plain." + base64url) because the local Worker has no
-- CHATREF_SECRET_KEY: webhook signing secret whsec_Y2hhdHJlZi1sb2NhbC1kZW1vLXNpZ25pbmcta2V5ISE=,
-- GA4 api_secret dev-ga4-api-secret, Meta access token dev-meta-access-token, Google Ads an OAuth
-- refresh-token JSON (client dev-google-client…, refresh token dev-google-refresh-token) that the
-- receiver's /google/token exchanges for an access token; TikTok access token
-- dev-tiktok-access-token; Yandex Metrica OAuth token dev-yandex-oauth-token (uploaded by the
-- cron, every 5 minutes, as one CSV per counter); Microsoft Advertising a developer token
-- (dev-microsoft-developer-token) and an OAuth client with a refresh token
-- (dev-microsoft-refresh-token) that the receiver's /microsoft/…/token exchanges.
WITH demo (id, kind, name, events, secret, secret_hint, config) AS (VALUES
  ('dst_demo_webhook', 'webhook', 'webhook', 'lead.created lead.updated', 'plain.d2hzZWNfWTJoaGRISmxaaTFzYjJOaGJDMWtaVzF2TFhOcFoyNXBibWN0YTJWNUlTRT0', 'ISE=', '{"url":"http://127.0.0.1:8790/webhook"}'),
  ('dst_demo_ga4', 'ga4', 'GA4 MP', 'lead.created', 'plain.ZGV2LWdhNC1hcGktc2VjcmV0', 'cret', '{"measurement_id":"G-DEMO000000","endpoint":"http://127.0.0.1:8790/ga4/mp/collect"}'),
  ('dst_demo_meta', 'meta_capi', 'Meta CAPI', 'lead.created', 'plain.ZGV2LW1ldGEtYWNjZXNzLXRva2Vu', 'oken', '{"dataset_id":"100000000000777","endpoint":"http://127.0.0.1:8790/meta"}'),
  ('dst_demo_google_ads', 'google_ads', 'Google Ads', 'lead.created', 'plain.eyJ0eXBlIjoicmVmcmVzaF90b2tlbiIsImNsaWVudF9zZWNyZXQiOiJkZXYtZ29vZ2xlLWNsaWVudC1zZWNyZXQiLCJyZWZyZXNoX3Rva2VuIjoiZGV2LWdvb2dsZS1yZWZyZXNoLXRva2VuIiwiY2xpZW50X2lkIjoiZGV2LWdvb2dsZS1jbGllbnQuYXBwcy5nb29nbGV1c2VyY29udGVudC5jb20ifQ', 'om"}', '{"customer_id":"1234567890","conversion_action_id":"987654321","endpoint":"http://127.0.0.1:8790/google/v1","token_endpoint":"http://127.0.0.1:8790/google/token","validate_only":false,"ad_user_data":"granted","ad_personalization":"denied"}'),
  ('dst_demo_tiktok', 'tiktok', 'TikTok', 'lead.created', 'plain.ZGV2LXRpa3Rvay1hY2Nlc3MtdG9rZW4', 'oken', '{"pixel_code":"CDEMO0000000000TIKTOK","endpoint":"http://127.0.0.1:8790/tiktok/open_api/v1.3"}'),
  ('dst_demo_yandex', 'yandex_metrica', 'Yandex Metrica', 'lead.created', 'plain.ZGV2LXlhbmRleC1vYXV0aC10b2tlbg', 'oken', '{"counter_id":"44147844","upload_type":"CHATS","endpoint":"http://127.0.0.1:8790/yandex/management/v1"}'),
  ('dst_demo_microsoft_ads', 'microsoft_ads', 'Microsoft Ads', 'lead.created', 'plain.eyJkZXZlbG9wZXJfdG9rZW4iOiJkZXYtbWljcm9zb2Z0LWRldmVsb3Blci10b2tlbiIsImNsaWVudF9zZWNyZXQiOiJkZXYtbWljcm9zb2Z0LWNsaWVudC1zZWNyZXQiLCJyZWZyZXNoX3Rva2VuIjoiZGV2LW1pY3Jvc29mdC1yZWZyZXNoLXRva2VuIiwiY2xpZW50X2lkIjoiZGV2LW1pY3Jvc29mdC1jbGllbnQtaWQifQ', 'id"}', '{"conversion_name":"WhatsApp lead","customer_id":"100000001","account_id":"100000002","conversion_window_days":90,"endpoint":"http://127.0.0.1:8790/microsoft/CampaignManagement/v13","token_endpoint":"http://127.0.0.1:8790/microsoft/common/oauth2/v2.0/token"}')
)
INSERT INTO destinations (id, site_id, kind, name, events, config, secret, secret_hint, created_at, updated_at)
SELECT id, 'site_demo', kind, 'Local receiver (' || name || ')', events, config, secret, secret_hint, now, now
FROM demo, (SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER) AS now)
WHERE true -- SQLite reads an upsert after INSERT … SELECT only behind a WHERE
ON CONFLICT (id) DO UPDATE SET config = excluded.config, secret = excluded.secret,
  secret_hint = excluded.secret_hint, events = excluded.events, disabled_at = NULL;

-- Chat-app connections, stored unencrypted as above ("plain." + base64url):
-- - the demo Telegram bot @lumen_demo_bot (bot id 7000000001): its webhook
--   POST /webhooks/telegram/7000000001 takes the secret token dev-telegram-secret;
-- - the demo Messenger Page lumen.demo (page id 7100000001, POST /webhooks/messenger) and Instagram
--   account lumen.demo (id 7200000001, POST /webhooks/instagram): no secret of their own, Meta signs
--   both with the app secret (META_APP_SECRET, here dev-app-secret like WhatsApp's);
-- - WhatsApp through Twilio: the number whatsapp:+15550001111, its account's Auth Token
--   dev-twilio-auth-token (POST /webhooks/twilio, signed over the URL the request was made to), and
--   through 360dialog: account 100000000000360, secret dev-360dialog-secret in X-Chatref-Secret
--   (POST /webhooks/360dialog/100000000000360);
-- - a second Cloud API number, +1 555-000-2222 (phone_number_id 100000000000002): the demo's
--   agent Leo (demo/about.html lists agents), signed with the app secret like the first.
WITH demo (id, channel, provider, account_id, username, secret) AS (VALUES
  ('conn_demo_telegram', 'telegram', 'telegram', '7000000001', 'lumen_demo_bot', 'plain.ZGV2LXRlbGVncmFtLXNlY3JldA'),
  ('conn_demo_messenger', 'messenger', 'messenger', '7100000001', 'lumen.demo', NULL),
  ('conn_demo_instagram', 'instagram', 'instagram', '7200000001', 'lumen.demo', NULL),
  ('conn_demo_twilio', 'whatsapp', 'twilio', 'whatsapp:+15550001111', NULL, 'plain.ZGV2LXR3aWxpby1hdXRoLXRva2Vu'),
  ('conn_demo_360dialog', 'whatsapp', '360dialog', '100000000000360', NULL, 'plain.ZGV2LTM2MGRpYWxvZy1zZWNyZXQ'),
  ('conn_demo_agent', 'whatsapp', 'whatsapp', '100000000000002', '15550002222', NULL)
)
INSERT INTO channel_connections (id, site_id, channel, provider, account_id, username, secret, created_at, updated_at)
SELECT id, 'site_demo', channel, provider, account_id, username, secret, now, now
FROM demo, (SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER) AS now)
WHERE true
ON CONFLICT (id) DO UPDATE SET site_id = excluded.site_id, account_id = excluded.account_id,
  username = excluded.username, secret = excluded.secret;
