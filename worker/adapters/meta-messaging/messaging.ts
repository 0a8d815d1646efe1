/**
 * Meta's Messenger Platform webhooks (`object: "page"`) and Instagram messaging webhooks
 * (`object: "instagram"`) → normalised inbound messages. Both carry `entry[].messaging[]`, one
 * event per item, each read on its own and leniently (a bad item is counted as skipped; the raw
 * body stays stored):
 *
 * - a person's message (`message`, its `mid` the de-duplication key; `is_echo` — the business's
 *   own message — skipped);
 * - `messaging_postbacks`: a button tap; Get Started from an `m.me/<page>?ref=<ref>` link carries
 *   `postback.referral.ref`;
 * - `messaging_referrals`: `referral.ref` when a person already in the thread opens such a link,
 *   or an ad (`source: "ADS"`, `ad_id`).
 *
 * A referral's `ref` becomes the item's text, where the attribution step finds ref codes (as
 * Telegram's `/start <ref>`); an ad referral becomes the item's `referral` (ad id as `source_id`,
 * like a Click-to-WhatsApp ad's), so the lead is attributed to the ad. Deliveries and reads count
 * as statuses. Message ids are `<page or account id>:<mid>` — per account, and the account of a
 * lead's first message is readable from its id (forward/meta-capi.ts sends it as `page_id`).
 */
import { z } from "zod";
import type {
  ChatChannel,
  CtwaReferral,
  InboundMessage,
  ParsedDelivery,
} from "../../model/inbound-message";

/** The two Meta messaging webhooks: their `object` value, channel and sender id kind. */
export const META_MESSAGING = {
  messenger: { object: "page", kind: "fb_psid" },
  instagram: { object: "instagram", kind: "ig_sid" },
} as const;
export type MetaMessagingChannel = keyof typeof META_MESSAGING & ChatChannel;

/** A Facebook Page id or Instagram professional account id: digits. */
export const META_ACCOUNT_ID = /^[0-9]{1,20}$/;

/** The account key of a page's / Instagram account's messages (db/sites.ts resolves it). */
export function metaAccount(channel: MetaMessagingChannel, accountId: string): string {
  return `${channel}:${accountId}`;
}

const optStr = (max: number) => z.string().max(max).optional().catch(undefined);
const psid = z.string().min(1).max(64);

const referralSchema = z.object({
  ref: optStr(2083),
  source: optStr(64),
  type: optStr(64),
  ad_id: optStr(64),
  ads_context_data: z
    .object({ ad_title: optStr(512) })
    .optional()
    .catch(undefined),
});
type Referral = z.output<typeof referralSchema>;
const optReferral = referralSchema.optional().catch(undefined);

const itemSchema = z.object({
  sender: z.object({ id: psid }),
  timestamp: z.number().int().nonnegative().safe(),
  message: z
    .object({
      mid: z.string().min(1).max(512),
      text: optStr(4096),
      is_echo: z.boolean().optional().catch(undefined),
      quick_reply: z
        .object({ payload: optStr(1000) })
        .optional()
        .catch(undefined),
      referral: optReferral,
      attachments: z
        .array(z.object({ type: optStr(32) }).catch({ type: undefined }))
        .max(100)
        .optional()
        .catch(undefined),
    })
    .optional(),
  postback: z
    .object({
      mid: optStr(512),
      title: optStr(1000),
      payload: optStr(1000),
      referral: optReferral,
    })
    .optional(),
  referral: optReferral,
  delivery: z.unknown().optional(),
  read: z.unknown().optional(),
});
type Item = z.output<typeof itemSchema>;

/** The envelope both webhooks share (its items are read one by one). */
export const metaEnvelopeSchema = z.object({
  object: z.string().max(32),
  entry: z.array(
    z.object({ id: z.string().regex(META_ACCOUNT_ID), messaging: z.array(z.unknown()).optional() }),
  ),
});

/** An ad referral as the lead and touch store a Click-to-WhatsApp one: the ad id is its source. */
function adReferral(referral: Referral | undefined): CtwaReferral | null {
  if (referral?.source !== "ADS" || !referral.ad_id) return null;
  return {
    ctwa_clid: null,
    source_id: referral.ad_id,
    source_url: null,
    source_type: "ad",
    headline: referral.ads_context_data?.ad_title ?? null,
  };
}

/** What one item says, or null when it is no person's message, tap or referral. */
function read(item: Item, account: string) {
  const at = `${item.sender.id}:${item.timestamp}`;
  if (item.message) {
    const m = item.message;
    const type = m.text !== undefined ? "text" : (m.attachments?.[0]?.type ?? "other");
    return {
      id: `${account}:${m.mid}`,
      type,
      // The ref of a link the message came from, then what the person typed.
      text: [m.referral?.ref, m.text].filter(Boolean).join("\n") || null,
      referral: m.referral,
      buttonPayload: m.quick_reply?.payload ?? null,
    };
  }
  if (item.postback) {
    const p = item.postback;
    return {
      id: `${account}:${p.mid ?? `postback:${at}`}`,
      type: "postback",
      text: p.referral?.ref ?? p.title ?? null,
      referral: p.referral,
      buttonPayload: p.payload ?? null,
    };
  }
  if (item.referral) {
    return {
      id: `${account}:referral:${at}`,
      type: "referral",
      text: item.referral.ref ?? null,
      referral: item.referral,
      buttonPayload: null,
    };
  }
  return null;
}

/**
 * A Messenger (`channel` "messenger") or Instagram webhook body, normalised; null when it is not
 * that webhook's envelope (`object` and `entry[]` with account ids).
 */
export function parseMetaMessaging(
  body: unknown,
  channel: MetaMessagingChannel,
): ParsedDelivery | null {
  const envelope = metaEnvelopeSchema.safeParse(body);
  const spec = META_MESSAGING[channel];
  if (!envelope.success || envelope.data.object !== spec.object) return null;
  const out: ParsedDelivery = { messages: [], statuses: 0, skipped: 0 };
  for (const entry of envelope.data.entry) {
    for (const raw of entry.messaging ?? []) {
      const parsed = itemSchema.safeParse(raw);
      if (!parsed.success) {
        out.skipped++;
        continue;
      }
      const item = parsed.data;
      if (item.message?.is_echo || item.sender.id === entry.id) {
        out.skipped++;
        continue;
      }
      const said = read(item, entry.id);
      if (!said) {
        if (item.delivery !== undefined || item.read !== undefined) out.statuses++;
        else out.skipped++;
        continue;
      }
      const message: InboundMessage = {
        phoneNumberId: metaAccount(channel, entry.id),
        channel,
        provider: channel,
        messageId: said.id,
        sentAt: item.timestamp,
        type: said.type,
        text: said.text,
        referral: adReferral(said.referral),
        buttonPayload: said.buttonPayload,
        waId: null,
        userId: null,
        parentUserId: null,
        username: null,
        name: null,
        appUser: { kind: spec.kind, value: item.sender.id },
      };
      out.messages.push(message);
    }
  }
  return out;
}

/** The distinct account ids a body's entries name, in order (the route stores one body each). */
export function metaEntryAccounts(body: unknown): string[] {
  const envelope = metaEnvelopeSchema.safeParse(body);
  return envelope.success ? [...new Set(envelope.data.entry.map((e) => e.id))] : [];
}
