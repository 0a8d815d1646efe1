/**
 * Outbound webhooks, signed per Standard Webhooks v1 (protocols.md §7). The body is
 * `{"type": "lead.created" | "lead.updated", "timestamp", "data": <the API's lead JSON>}` (a
 * sale event, `lead.qualified` | `lead.purchase` | `lead.refund` | `lead.lost`, adds it as
 * `data.event`: read-model/lead-event-json.ts); the
 * headers are `webhook-id` (the outbox event id: stable across retries, so receivers
 * de-duplicate on it), `webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the base64-decoded part of
 * the `whsec_` secret). After a rotation the header carries two signatures, the new secret's and
 * the old one's (`v1,<new> v1,<old>`), for ROTATION_OVERLAP_MS: a receiver verifying either
 * accepts the message, so it can switch secrets without a gap. Any non-2xx answer is retried: a
 * receiver's outage or bug is fixed on its side, and the schedule carries on.
 */
import { toLeadEventJson } from "../read-model/lead-event-json";
import { toLeadJson } from "../read-model/lead-json";
import type { WebhookConfig } from "./destination-config";
import type { Format } from "./format";

const WHSEC_PREFIX = "whsec_";
/** How long deliveries keep being signed with a webhook's secret after it is rotated. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = Uint8Array.from(
      atob(secret.startsWith(WHSEC_PREFIX) ? secret.slice(WHSEC_PREFIX.length) : secret),
      (ch) => ch.charCodeAt(0),
    );
    key = crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

/** The `webhook-signature` value for one message. */
export async function signWebhook(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await hmacKey(secret),
    new TextEncoder().encode(`${id}.${timestamp}.${body}`),
  );
  let bin = "";
  for (const b of new Uint8Array(mac)) bin += String.fromCharCode(b);
  return `v1,${btoa(bin)}`;
}

export const webhookFormat: Format<WebhookConfig> = {
  skipReason: () => null,

  async payload({ row, consent }, _config, event) {
    return {
      type: event.event,
      timestamp: new Date(event.occurredAt).toISOString(),
      // The owner's own system gets every lead, with its consent as this destination resolves it.
      data: {
        ...toLeadJson(row),
        consent,
        // lead.qualified / purchase / refund / lost: what the CRM reported.
        ...(event.sale ? { event: toLeadEventJson(event.sale) } : {}),
      },
    };
  },

  async request(config, secret, body, event, now, previous) {
    const timestamp = Math.floor(now / 1000);
    const signatures = await Promise.all(
      [secret, ...(previous ? [previous] : [])].map((s) =>
        signWebhook(s, event.eventId, timestamp, body),
      ),
    );
    return {
      url: config.url,
      headers: {
        "content-type": "application/json",
        "user-agent": "chatref-webhooks/1",
        "webhook-id": event.eventId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signatures.join(" "),
      },
    };
  },

  retryable: () => true,
};
