/**
 * What every inbound adapter normalises its payloads into (WhatsApp Cloud API,
 * adapters/whatsapp/; Telegram Bot API, adapters/telegram/): messages, marketing preference changes and identity changes,
 * each naming its sender by every identifier the payload gave. Identity, attribution, consent
 * and outbox read only these types, never a provider's shape. Types only: below every step.
 */

/** The chat apps a conversation can start in. */
export type ChatChannel = "whatsapp" | "telegram" | "messenger" | "instagram";
/**
 * Who delivers a channel's webhooks: `whatsapp` is Meta's WhatsApp Cloud API, `360dialog` and
 * `twilio` deliver WhatsApp too; `messenger` and `instagram` are Meta's Messenger Platform.
 */
export type ChatProvider =
  | "whatsapp"
  | "telegram"
  | "messenger"
  | "instagram"
  | "360dialog"
  | "twilio";

/**
 * A sender's id in a chat app other than WhatsApp: a Telegram user id (`tg_user`), a Messenger
 * page-scoped id (`fb_psid`), an Instagram-scoped id (`ig_sid`).
 */
export interface AppUser {
  kind: "tg_user" | "fb_psid" | "ig_sid";
  value: string;
}

/**
 * Who sent an item: every identifier the payload gave; at least one of `waId` / `userId` /
 * `appUser`.
 */
export interface Sender {
  /** Phone digits (WhatsApp `wa_id` / `from`); null when withheld (a username user). */
  waId: string | null;
  /** Business-scoped user id (BSUID, `US.1349…`); null in payloads from before BSUIDs. */
  userId: string | null;
  /** Parent BSUID of managed businesses (`US.ENT.…`). */
  parentUserId: string | null;
  username: string | null;
  name: string | null;
  /** The sender's id in another chat app (absent for WhatsApp). */
  appUser?: AppUser | null;
}

/** A Click-to-WhatsApp ad referral, as the lead and touch store it. */
export interface CtwaReferral {
  ctwa_clid: string | null;
  source_id: string | null;
  source_url: string | null;
  source_type: string | null;
  headline: string | null;
}

/** One inbound message, independent of the provider's shape. */
export interface InboundMessage extends Sender {
  /**
   * The business account it was sent to, which names the site: a WhatsApp `phone_number_id`, or
   * `<provider>:<account id>` for other apps (`telegram:7000000001`, db/sites.ts).
   */
  phoneNumberId: string;
  /** The chat app and who delivered it; WhatsApp through the Cloud API when absent. */
  channel?: ChatChannel;
  provider?: ChatProvider;
  /**
   * The WhatsApp number that received it, digits only (Cloud API and 360dialog:
   * `display_phone_number`; Twilio: `To`); null when the provider names none. A ref bound to
   * another number is not attributed (attribution/record-message.ts).
   */
  businessNumber?: string | null;
  messageId: string;
  /** When the contact sent it (ms). */
  sentAt: number;
  type: string;
  /** Text a ref may be in: the text body, a caption, a quick-reply button's text or reply title. */
  text: string | null;
  referral: CtwaReferral | null;
  /**
   * A quick-reply button's payload, for opt-out buttons: a template button's (`type: "button"`)
   * or an interactive reply's id (`type: "interactive"`, `button_reply` or `list_reply`).
   */
  buttonPayload?: string | null;
}

/** A `user_preferences` change: the contact stopped or resumed marketing messages. */
export interface PreferenceChange extends Sender {
  phoneNumberId: string;
  value: "stop" | "resume";
  /** When the contact changed it (ms). */
  at: number;
  detail: string | null;
}

/** One person's identifiers before or after an identity change. */
export interface IdentityIds {
  waId: string | null;
  userId: string | null;
}

/**
 * A person's identifiers changed (`user_changed_number`, `user_changed_user_id`, or the older
 * `user_id_update` field): the contact follows them, keeping an old BSUID as an alias; an old
 * phone number is dropped (numbers are recycled to other people).
 */
export interface IdentityChange {
  phoneNumberId: string;
  reason: "user_changed_number" | "user_changed_user_id" | "user_id_update";
  previous: IdentityIds;
  current: IdentityIds;
  /** When it happened (ms). */
  at: number;
}

/** What a delivery held, once parsed. */
export interface ParsedDelivery {
  messages: InboundMessage[];
  /** Marketing preference changes (`field: "user_preferences"`). */
  preferences?: PreferenceChange[];
  /** Identity changes (system messages, `user_id_update`). */
  identityChanges?: IdentityChange[];
  statuses: number;
  /** Items that could not be read (kept in the raw delivery). */
  skipped: number;
}
