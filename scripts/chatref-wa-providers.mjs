/**
 * `chatref connections add --provider whatsapp|twilio|360dialog`: a further WhatsApp number of a
 * site (worker/api/connection-kinds.ts). Cloud API (`whatsapp`): the number's phone_number_id and
 * the number it displays, for a site with several numbers (agents); its webhooks come signed with
 * the same app secret, so there is nothing secret to give. Twilio: the number and the account's Auth Token
 * (`--auth-token` or TWILIO_AUTH_TOKEN; sealed by the Worker, never printed). 360dialog: the
 * number's phone_number_id (or the number) and a webhook secret, drawn by the Worker when not
 * given and shown once, to set as the `X-Chatref-Secret` header of 360dialog's webhook.
 */
import { request, settings, UsageError } from "./chatref-api.mjs";

/** The admin API body for `--provider`, or a UsageError naming what is missing. */
function bodyOf(o) {
  if (o.provider === "whatsapp") {
    const id = o["phone-number-id"];
    if (!id) throw new UsageError("--phone-number-id is required for a Cloud API number");
    return {
      channel: "whatsapp",
      provider: "whatsapp",
      phone_number_id: id,
      ...(o.number ? { number: o.number } : {}),
    };
  }
  if (o.provider === "twilio") {
    const token = o["auth-token"] ?? settings.env?.TWILIO_AUTH_TOKEN;
    if (!o.number) throw new UsageError("--number whatsapp:+<E.164> is required for Twilio");
    if (!token) throw new UsageError("--auth-token (or TWILIO_AUTH_TOKEN) is required for Twilio");
    return { channel: "whatsapp", provider: "twilio", number: o.number, auth_token: token };
  }
  if (o.provider === "360dialog") {
    const id = o["phone-number-id"];
    if (!id === !o.number)
      throw new UsageError("give one of --phone-number-id or --number for 360dialog");
    return {
      channel: "whatsapp",
      provider: "360dialog",
      ...(id ? { phone_number_id: id } : { number: o.number }),
      ...(o.secret ? { secret: o.secret } : {}),
    };
  }
  throw new UsageError(
    `--provider must be telegram, whatsapp, twilio or 360dialog (got "${o.provider}")`,
  );
}

/** Connects the number; `--dry-run` prints the request without the Auth Token. */
export async function addWhatsAppProvider(o) {
  const path = `/api/v1/sites/${encodeURIComponent(o.site)}/connections`;
  const body = bodyOf(o);
  if (o["dry-run"]) {
    const shown = body.auth_token ? { ...body, auth_token: "<not shown>" } : body;
    return {
      json: { dry_run: true, request: shown },
      text: () => [`Would POST ${path} ${JSON.stringify(shown)}`],
    };
  }
  const conn = await request("POST", path, body);
  const lines = [
    `Connected WhatsApp ${conn.account_id} through ${conn.provider} as ${conn.id}`,
    `Webhook path:   ${conn.webhook_path}`,
  ];
  if (conn.provider === "whatsapp")
    lines.push(
      "Its webhooks reach the same /webhooks/whatsapp (subscribe the number's WhatsApp Business Account to the app); each ref is bound to the number it opened",
    );
  else if (conn.provider === "twilio")
    lines.push(
      `In Twilio, set the number's "A message comes in" webhook to POST https://<your-worker>${conn.webhook_path} (signed with the Auth Token; use the exact URL)`,
    );
  else
    lines.push(
      `Secret:         ${conn.secret_token}\n(shown only once: set 360dialog's webhook to https://<your-worker>${conn.webhook_path} with the header X-Chatref-Secret: <the secret>)`,
    );
  return { json: conn, text: () => lines };
}
