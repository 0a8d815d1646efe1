/**
 * `chatref connections add --channel messenger|instagram`: a Facebook Page (`--page-id`,
 * `--page-name`) or an Instagram professional account (`--account-id`, `--username`) connected to
 * a site (worker/api/connection-kinds.ts). Nothing secret is sent: Meta signs these webhooks with
 * the app secret (META_APP_SECRET, else WHATSAPP_APP_SECRET, set on the Worker).
 */
import { request, UsageError } from "./chatref-api.mjs";

const ACCOUNT_ID = /^[0-9]{1,20}$/;

/** The admin API body for `--channel`, or a UsageError naming what is missing. */
function bodyOf(o) {
  if (o.channel === "messenger") {
    if (!ACCOUNT_ID.test(o["page-id"] ?? ""))
      throw new UsageError("--page-id <digits> (the Facebook Page id) is required for Messenger");
    return {
      channel: "messenger",
      page_id: o["page-id"],
      ...(o["page-name"] ? { page_name: o["page-name"] } : {}),
    };
  }
  if (o.channel === "instagram") {
    if (!ACCOUNT_ID.test(o["account-id"] ?? ""))
      throw new UsageError(
        "--account-id <digits> (the Instagram professional account id) is required for Instagram",
      );
    return {
      channel: "instagram",
      account_id: o["account-id"],
      ...(o.username ? { username: o.username.replace(/^@/, "") } : {}),
    };
  }
  throw new UsageError(`--channel must be telegram, messenger or instagram (got "${o.channel}")`);
}

/** Connects the Page or account; `--dry-run` prints the request only. */
export async function addMetaApp(o) {
  const path = `/api/v1/sites/${encodeURIComponent(o.site)}/connections`;
  const body = bodyOf(o);
  if (o["dry-run"])
    return {
      json: { dry_run: true, request: body },
      text: () => [`Would POST ${path} ${JSON.stringify(body)}`],
    };
  const conn = await request("POST", path, body);
  const what = conn.channel === "messenger" ? "Messenger Page" : "Instagram account";
  const object = conn.channel === "messenger" ? "Page" : "Instagram";
  return {
    json: conn,
    text: () => [
      `Connected ${what} ${conn.account_id}${conn.username ? ` (${conn.username})` : ""} as ${conn.id}`,
      `Webhook path:   ${conn.webhook_path}`,
      `In the Meta app's Webhooks settings, subscribe the ${object} object (messages, messaging_postbacks, messaging_referrals) with the callback https://<your-worker>${conn.webhook_path} and WHATSAPP_VERIFY_TOKEN as the verify token`,
    ],
  };
}
