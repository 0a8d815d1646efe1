/**
 * `POST /webhooks/messenger` (Meta's `page` webhooks) and `POST /webhooks/instagram` (`instagram`
 * webhooks), with Meta's GET handshake (meta-handshake.ts). `X-Hub-Signature-256` is verified over
 * the raw bytes before anything is parsed, keyed with `META_APP_SECRET`, else
 * `WHATSAPP_APP_SECRET` (one Meta app usually serves all three); with neither set every delivery
 * is refused. Then the body is stored and processed like a WhatsApp delivery (process-delivery.ts).
 *
 * The stored provider is `messenger:<page id>` / `instagram:<account id>`, so erasure finds a
 * site's deliveries by its connections: a body naming several accounts (Meta batches entries) is
 * stored as one body per account, each the envelope with that account's entries only. Once the
 * signature holds, a processing failure never turns into a non-200.
 */
import { Hono } from "hono";
import {
  type MetaMessagingChannel,
  metaAccount,
  metaEntryAccounts,
  parseMetaMessaging,
} from "../adapters/meta-messaging/messaging";
import { verifyMetaSignature } from "../adapters/whatsapp/signature";
import type { AppEnv, Bindings } from "../env";
import { ApiError } from "../http/errors";
import { parseJson, readBody } from "../http/validate";
import { metaHandshake } from "./meta-handshake";
import { ingestDelivery } from "./process-delivery";
import { WEBHOOK_BODY_MAX } from "./whatsapp-route";

/** The Meta app secret the Messenger and Instagram webhooks are signed with ("" when unset). */
export function metaAppSecret(
  env: Pick<Bindings, "WHATSAPP_APP_SECRET"> & { META_APP_SECRET?: string },
) {
  return env.META_APP_SECRET || env.WHATSAPP_APP_SECRET || "";
}

/** The stored bodies of a verified delivery: the raw text, or one envelope per account. */
function bodiesByAccount(text: string, json: unknown, accounts: string[]): [string, string][] {
  if (accounts.length <= 1) return [[accounts[0] ?? "", text]];
  const { entry, ...rest } = json as { entry: { id: string }[] };
  return accounts.map((id) => [
    id,
    JSON.stringify({ ...rest, entry: entry.filter((e) => e.id === id) }),
  ]);
}

/** The route of one of the two webhooks. */
function metaMessagingRoute(channel: MetaMessagingChannel) {
  return new Hono<AppEnv>().get("/", metaHandshake).post("/", async (c) => {
    const raw = await readBody(c, WEBHOOK_BODY_MAX);
    const signature = c.req.header("x-hub-signature-256");
    if (!(await verifyMetaSignature(raw, signature, metaAppSecret(c.env))))
      throw new ApiError(401, "unauthorized", "Missing or invalid X-Hub-Signature-256");
    const text = new TextDecoder().decode(raw);
    const json = parseJson(text);
    const parsed = parseMetaMessaging(json, channel);
    if (!parsed)
      throw new ApiError(
        400,
        "validation_failed",
        `Not a ${channel} webhook envelope (object, entry[].id, entry[].messaging[])`,
      );
    const outcomes = [];
    for (const [account, body] of bodiesByAccount(text, json, metaEntryAccounts(json))) {
      const own =
        account === ""
          ? parsed
          : {
              ...parsed,
              messages: parsed.messages.filter(
                (m) => m.phoneNumberId === metaAccount(channel, account),
              ),
            };
      const provider = account ? metaAccount(channel, account) : channel;
      const { outcome, later } = await ingestDelivery(
        c.var.db,
        c.env.FORWARD_QUEUE,
        provider,
        body,
        own,
      );
      if (later) c.executionCtx.waitUntil(later());
      outcomes.push(outcome);
    }
    return c.json({
      received: true,
      // Several bodies (several accounts): "stored" when any of them waits for the retry.
      outcome: outcomes.includes("stored") ? ("stored" as const) : ("processed" as const),
      messages: parsed.messages.length,
      statuses: parsed.statuses,
    });
  });
}

export const messengerRoute = metaMessagingRoute("messenger");
export const instagramRoute = metaMessagingRoute("instagram");
