/**
 * The forwarding bench's destinations, one of each kind, created through the API and pointing at
 * the local receiver (scripts/local-receiver.mjs), which answers as each platform does.
 */
import { YANDEX_OAUTH_TOKEN } from "../local-receiver.mjs";

/**
 * @param {(body: object) => Promise<any>} api POST /api/v1/destinations with the bench key.
 * @param {{ origin: string, setSecret: (secret: string) => void }} receiver
 */
export async function createBenchDestinations(api, receiver) {
  const hook = await api({ kind: "webhook", name: "bench", url: `${receiver.origin}/webhook` });
  receiver.setSecret(hook.signing_secret);
  await api({
    kind: "ga4",
    name: "bench",
    measurement_id: "G-BENCH0001",
    api_secret: "bench-ga4-api-secret",
    endpoint: `${receiver.origin}/ga4/mp/collect`,
  });
  await api({
    kind: "meta_capi",
    name: "bench",
    dataset_id: "1000000001",
    access_token: "bench-meta-access-token",
    endpoint: `${receiver.origin}/meta`,
  });
  await api({
    kind: "google_ads",
    name: "bench",
    customer_id: "1234567890",
    conversion_action_id: "987654321",
    endpoint: `${receiver.origin}/google/v1`,
    token_endpoint: `${receiver.origin}/google/token`,
    credentials: {
      client_id: "bench-google-client.apps.googleusercontent.com",
      client_secret: "bench-google-client-secret",
      refresh_token: "bench-google-refresh-token",
    },
  });
  await api({
    kind: "tiktok",
    name: "bench",
    pixel_code: "CBENCH0000000TIKTOK",
    access_token: "bench-tiktok-access-token",
    endpoint: `${receiver.origin}/tiktok/open_api/v1.3`,
  });
  await api({
    kind: "microsoft_ads",
    name: "bench",
    conversion_name: "Bench lead",
    customer_id: "100000001",
    account_id: "100000002",
    endpoint: `${receiver.origin}/microsoft/CampaignManagement/v13`,
    token_endpoint: `${receiver.origin}/microsoft/common/oauth2/v2.0/token`,
    credentials: {
      developer_token: "bench-microsoft-developer-token",
      client_id: "bench-microsoft-client-id",
      client_secret: "bench-microsoft-client-secret",
      refresh_token: "bench-microsoft-refresh-token",
    },
  });

  // Metrica is a bulk API: its rows wait for the cron (yandex-upload.ts), measured apart below.
  await api({
    kind: "yandex_metrica",
    name: "bench",
    counter_id: "44147844",
    oauth_token: YANDEX_OAUTH_TOKEN,
    endpoint: `${receiver.origin}/yandex/management/v1`,
  });
}
