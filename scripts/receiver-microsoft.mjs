/**
 * The local receiver's Microsoft Advertising routes (scripts/local-receiver.mjs), answering like
 * Microsoft so the demo `microsoft_ads` destination delivers with no network:
 *
 *   POST /microsoft/common/oauth2/v2.0/token
 *       a Microsoft identity platform token endpoint (refresh_token grant; hands out
 *       MICROSOFT_ACCESS_TOKEN)
 *   POST /microsoft/CampaignManagement/v13/OfflineConversions/Apply
 *       ApplyOfflineConversions (that bearer token and a DeveloperToken required); answers
 *       `{"PartialErrors": []}` and, like Microsoft, counts a (MicrosoftClickId, ConversionTime)
 *       pair once: a repeat is reported as a duplicate.
 */

/** The access token the token route hands out and the Apply route requires. */
export const MICROSOFT_ACCESS_TOKEN = "local-demo-microsoft-access-token";
/** (MicrosoftClickId, ConversionTime) pairs already counted. */
const seen = new Set();

const short = (value, max = 36) => {
  const s = String(value ?? "");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/**
 * The answer to a Microsoft route, or null when the request is not one.
 * @param {import("node:http").IncomingMessage} req
 * @param {string} path
 * @param {string} body
 * @param {{ log: (line: string) => void,
 *   onDelivery: (d: import("./local-receiver.mjs").Delivery) => void }} out
 * @returns {{ status: number, body: unknown } | null}
 */
export function microsoftAnswer(req, path, body, { log, onDelivery }) {
  if (req.method !== "POST") return null;
  if (path === "/microsoft/common/oauth2/v2.0/token") {
    const form = new URLSearchParams(body);
    log(
      `[receiver] Microsoft OAuth token (${form.get("grant_type") ?? "-"}, ${form.get("scope") ?? "-"})`,
    );
    return {
      status: 200,
      body: {
        token_type: "Bearer",
        scope: form.get("scope") ?? "",
        expires_in: 3600,
        access_token: MICROSOFT_ACCESS_TOKEN,
      },
    };
  }
  if (path !== "/microsoft/CampaignManagement/v13/OfflineConversions/Apply") return null;
  const h = req.headers;
  if (h.authorization !== `Bearer ${MICROSOFT_ACCESS_TOKEN}` || !h.developertoken) {
    log("[receiver] Microsoft REJECTED: no valid bearer token or DeveloperToken");
    return { status: 401, body: { Errors: [{ Code: 105, ErrorCode: "InvalidCredentials" }] } };
  }
  const payload = JSON.parse(body);
  const at = performance.now();
  for (const c of payload.OfflineConversions ?? []) {
    const id = `${c.MicrosoftClickId} ${c.ConversionTime}`;
    const duplicate = seen.has(id);
    seen.add(id);
    onDelivery({ kind: "microsoft_ads", id, duplicate, at, body: payload });
    const money =
      c.ConversionValue === undefined ? "" : ` ${c.ConversionValue} ${c.ConversionCurrencyCode}`;
    log(
      `[receiver] Microsoft "${c.ConversionName}" msclkid=${short(c.MicrosoftClickId)} at ${c.ConversionTime}${money} account=${h.customeraccountid}${duplicate ? " (duplicate: ignored)" : ""}`,
    );
  }
  return { status: 200, body: { PartialErrors: [] } };
}
