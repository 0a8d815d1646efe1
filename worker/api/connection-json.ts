/** A site's chat-app connections as the admin API shows them; the secret only as a hint. */
import { z } from "zod";
import { CHANNELS, type channelConnections, PROVIDERS } from "../db/schema";
import { secretHint } from "../forward/secrets";
import { isoInstant, nullableText, text } from "../read-model/json-fields";

type ConnectionRow = typeof channelConnections.$inferSelect;

export const connectionSchema = z.strictObject({
  id: text,
  channel: z.enum(CHANNELS),
  provider: z.enum(PROVIDERS),
  account_id: text.describe(
    "the provider's account id: a Telegram bot's numeric id, a Facebook Page id, an Instagram account id",
  ),
  username: nullableText.describe(
    "a Telegram bot's username (links `t.me/<username>`), a Page's or Instagram account's name, a further Cloud API number's digits",
  ),
  webhook_path: text.describe("where the provider must send its webhooks, on this Worker"),
  secret_hint: nullableText.describe("the last characters of the webhook secret"),
  created_at: isoInstant,
  updated_at: isoInstant,
});
export type ConnectionJson = z.output<typeof connectionSchema>;

export const connectionCreatedSchema = connectionSchema.extend({
  secret_token: nullableText.describe(
    "the webhook secret, shown only here (a Telegram bot's: pass it to setWebhook as " +
      "`secret_token`); null for kinds whose secret is the caller's own credential",
  ),
});
export const connectionListSchema = z.strictObject({ data: z.array(connectionSchema) });

/** The path of a connection's webhook route. */
export function webhookPath(row: Pick<ConnectionRow, "provider" | "accountId">): string {
  // Twilio posts every number's messages to one route and names the number in `To`.
  if (row.provider === "twilio") return "/webhooks/twilio";
  // The Meta app's one WhatsApp route serves every Cloud API number (`phone_number_id`).
  if (row.provider === "whatsapp") return "/webhooks/whatsapp";
  // Messenger and Instagram: one route each for every page / account (named in `entry[].id`).
  if (row.provider === "messenger" || row.provider === "instagram")
    return `/webhooks/${row.provider}`;
  return `/webhooks/${row.provider}/${row.accountId}`;
}

/** The JSON of a row, with the hint of its (opened) secret when known. */
export function toConnectionJson(row: ConnectionRow, secret: string | null): ConnectionJson {
  return {
    id: row.id,
    channel: row.channel,
    provider: row.provider,
    account_id: row.accountId,
    username: row.username,
    webhook_path: webhookPath(row),
    secret_hint: secret ? secretHint(secret) : null,
    created_at: new Date(row.createdAt).toISOString(),
    updated_at: new Date(row.updatedAt).toISOString(),
  };
}
