/**
 * What each destination kind needs, validated at the API edge (bounded strings, closed sets)
 * and again when a stored config is read. Credentials are separate fields: they are sealed into
 * `destinations.secret` (secrets.ts) and never part of the stored or returned config.
 */
import { z } from "zod";
import { CONSENT_STATES } from "../../widget/protocol/click-beacon";
import { type DestinationKind, LEAD_EVENTS, type LeadEvent } from "../db/schema";
import {
  clearable,
  currency,
  digits,
  endpoint,
  eventName,
  value,
  valueNeedsCurrency,
} from "./config-fields";
import { googleAdsShape, googleAdsUpdate } from "./google-ads-config";
import { googleCredentials } from "./google-credentials";
import { eventsOf, KIND_EVENTS } from "./kind-events";
import {
  microsoftAdsCredentials,
  microsoftAdsShape,
  microsoftAdsUpdate,
} from "./microsoft-ads-config";
import { tiktokShape, tiktokUpdate } from "./tiktok-config";
import { basicNeedsGoal, yandexShape, yandexUpdate } from "./yandex-config";

const ga4Shape = {
  /** The web stream's measurement id (`G-…`), not the stream id. */
  measurement_id: z.string().regex(/^G-[A-Z0-9]{4,20}$/, "a measurement id such as G-ABC123XYZ"),
  /** Replaces https://www.google-analytics.com/mp/collect (EU: region1…, tests: a local fake). */
  endpoint: endpoint.optional(),
  /** Lead value sent with generate_lead; needs `currency`. */
  value: value.optional(),
  currency: currency.optional(),
};

const metaShape = {
  /** The dataset (pixel) id events are sent to. */
  dataset_id: digits("dataset_id"),
  /** Graph API base replacing https://graph.facebook.com/v24.0 (tests: a local fake). */
  endpoint: endpoint.optional(),
  /** Routes events to Events Manager's Test Events tab. */
  test_event_code: z.string().trim().min(1).max(64).optional(),
  /** For Click-to-WhatsApp leads; the site's waba_id when absent. */
  whatsapp_business_account_id: digits("whatsapp_business_account_id").optional(),
  /** Replaces the default event name (meta-capi.ts): a rejected name changes without a release. */
  event_name: eventName
    .describe(
      "the event sent: Meta's standard names (`Lead`, `Contact`, `LeadSubmitted`, `Purchase`, …) or a custom name; default `Lead` for website leads, `LeadSubmitted` for Click-to-WhatsApp / Messenger / Instagram leads",
    )
    .optional(),
  value: value.optional(),
  currency: currency.optional(),
};

const webhookShape = {
  /** Where signed lead events are POSTed. */
  url: endpoint,
};

/** Stored (non-secret) config per kind. */
export const CONFIG_SCHEMAS = {
  ga4: z.strictObject(ga4Shape).superRefine(valueNeedsCurrency),
  meta_capi: z.strictObject(metaShape).superRefine(valueNeedsCurrency),
  webhook: z.strictObject(webhookShape),
  google_ads: z.strictObject(googleAdsShape).superRefine(valueNeedsCurrency),
  tiktok: z.strictObject(tiktokShape).superRefine(valueNeedsCurrency),
  yandex_metrica: z
    .strictObject(yandexShape)
    .superRefine(valueNeedsCurrency)
    .superRefine(basicNeedsGoal),
  microsoft_ads: z.strictObject(microsoftAdsShape).superRefine(valueNeedsCurrency),
} as const;

export type Ga4Config = z.output<typeof CONFIG_SCHEMAS.ga4>;
export type MetaConfig = z.output<typeof CONFIG_SCHEMAS.meta_capi>;
export type WebhookConfig = z.output<typeof CONFIG_SCHEMAS.webhook>;
export type GoogleAdsConfig = z.output<typeof CONFIG_SCHEMAS.google_ads>;
export type TiktokConfig = z.output<typeof CONFIG_SCHEMAS.tiktok>;
export type YandexConfig = z.output<typeof CONFIG_SCHEMAS.yandex_metrica>;
export type MicrosoftAdsConfig = z.output<typeof CONFIG_SCHEMAS.microsoft_ads>;
export type DestinationConfig =
  | Ga4Config
  | MetaConfig
  | WebhookConfig
  | GoogleAdsConfig
  | TiktokConfig
  | YandexConfig
  | MicrosoftAdsConfig;

/** The name of each kind's credential field in requests (and of `<name>_last4` in responses). */
export const SECRET_FIELD = {
  ga4: "api_secret",
  meta_capi: "access_token",
  webhook: "signing_secret",
  google_ads: "credentials",
  tiktok: "access_token",
  yandex_metrica: "oauth_token",
  microsoft_ads: "credentials",
} as const satisfies Record<DestinationKind, string>;

const name = z.string().trim().min(1).max(120);
/**
 * A destination's Consent Mode default, overriding the site's where a lead's click says nothing
 * (read-model/ad-consent.ts); a column of its own (`destinations.consent_default`), not config.
 */
const consentDefault = z
  .enum(CONSENT_STATES)
  .describe("overrides the site's `consent_default` for this destination (null: the site's)");
/** Whether it also gets leads attributed by inference (a column of its own; default off). */
const includeInferred = z
  .boolean()
  .describe(
    "also forward leads attributed by inference (`inferred`); default false: exact leads only",
  );
/** What every kind's create body has besides its own settings. */
const base = {
  name,
  consent_default: consentDefault.optional(),
  include_inferred: includeInferred.optional(),
};
const credential = z.string().trim().min(8).max(1024);

/** `POST /api/v1/destinations`. Webhook signing secrets are generated, never sent in. */
export const createDestinationBody = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("ga4"),
      ...base,
      api_secret: credential,
      events: eventsOf("ga4").optional(),
      ...ga4Shape,
    }),
    z.strictObject({
      kind: z.literal("meta_capi"),
      ...base,
      access_token: credential,
      events: eventsOf("meta_capi").optional(),
      ...metaShape,
    }),
    z.strictObject({
      kind: z.literal("webhook"),
      ...base,
      events: eventsOf("webhook").optional(),
      ...webhookShape,
    }),
    z.strictObject({
      kind: z.literal("google_ads"),
      ...base,
      credentials: googleCredentials,
      events: eventsOf("google_ads").optional(),
      ...googleAdsShape,
    }),
    z.strictObject({
      kind: z.literal("tiktok"),
      ...base,
      access_token: credential,
      events: eventsOf("tiktok").optional(),
      ...tiktokShape,
    }),
    z.strictObject({
      kind: z.literal("yandex_metrica"),
      ...base,
      oauth_token: credential,
      events: eventsOf("yandex_metrica").optional(),
      ...yandexShape,
    }),
    z.strictObject({
      kind: z.literal("microsoft_ads"),
      ...base,
      credentials: microsoftAdsCredentials,
      events: eventsOf("microsoft_ads").optional(),
      ...microsoftAdsShape,
    }),
  ])
  .superRefine((body, ctx) => {
    if (body.kind !== "webhook") valueNeedsCurrency(body, ctx);
    if (body.kind === "yandex_metrica") basicNeedsGoal(body, ctx);
  });
export type CreateDestinationBody = z.output<typeof createDestinationBody>;

const money = { value: clearable(value), currency: clearable(currency) };
const common = {
  name: name.optional(),
  disabled: z.boolean().optional(),
  consent_default: clearable(consentDefault),
  include_inferred: includeInferred.optional(),
};

/** `PATCH /api/v1/destinations/:id`, per kind (the kind itself never changes). */
export const UPDATE_SCHEMAS = {
  ga4: z.strictObject({
    ...common,
    api_secret: credential.optional(),
    measurement_id: ga4Shape.measurement_id.optional(),
    endpoint: clearable(endpoint),
    events: eventsOf("ga4").optional(),
    ...money,
  }),
  meta_capi: z.strictObject({
    ...common,
    access_token: credential.optional(),
    dataset_id: metaShape.dataset_id.optional(),
    endpoint: clearable(endpoint),
    test_event_code: clearable(z.string().trim().min(1).max(64)),
    whatsapp_business_account_id: clearable(digits("whatsapp_business_account_id")),
    event_name: clearable(eventName),
    events: eventsOf("meta_capi").optional(),
    ...money,
  }),
  webhook: z.strictObject({
    ...common,
    url: endpoint.optional(),
    events: eventsOf("webhook").optional(),
    /**
     * Generates a new signing secret, returned once; deliveries are signed with the old one too
     * for ROTATION_OVERLAP_MS (Standard Webhooks: several signatures in one header).
     */
    rotate_secret: z.literal(true).optional(),
    /** Stops signing with the pre-rotation secret now (a leaked secret). */
    revoke_previous_secret: z.literal(true).optional(),
  }),
  google_ads: z.strictObject({
    ...common,
    events: eventsOf("google_ads").optional(),
    ...googleAdsUpdate,
  }),
  tiktok: z.strictObject({ ...common, events: eventsOf("tiktok").optional(), ...tiktokUpdate }),
  yandex_metrica: z.strictObject({
    ...common,
    events: eventsOf("yandex_metrica").optional(),
    ...yandexUpdate,
  }),
  microsoft_ads: z.strictObject({
    ...common,
    events: eventsOf("microsoft_ads").optional(),
    ...microsoftAdsUpdate,
  }),
} as const;

/** Splits a validated create body into its stored config, its credential and its events. */
export function splitCreateBody(input: CreateDestinationBody): {
  config: DestinationConfig;
  credential: string | null;
  events: readonly LeadEvent[];
} {
  // The consent default is a column of its own (the route stores it), the events too: neither
  // is part of the config, nor is the credential (sealed apart; a webhook's is generated).
  const { kind, name: _n, consent_default: _c, include_inferred: _i, ...rest } = input;
  const { events, ...fields } = rest as typeof rest & { events?: readonly LeadEvent[] };
  const { [SECRET_FIELD[kind]]: credential, ...config } = fields as Record<string, unknown>;
  return {
    config: config as DestinationConfig,
    credential: typeof credential === "string" ? credential : null,
    events: events ?? KIND_EVENTS[kind],
  };
}

/** Reads a stored config (throws when the row was written by something else than this module). */
export function parseConfig<K extends DestinationKind>(
  kind: K,
  stored: Record<string, unknown>,
): z.output<(typeof CONFIG_SCHEMAS)[K]> {
  return CONFIG_SCHEMAS[kind].parse(stored) as z.output<(typeof CONFIG_SCHEMAS)[K]>;
}

/** The events column (space-separated) ⇄ a list. */
export const eventsToColumn = (list: readonly LeadEvent[]) => list.join(" ");
export const eventsFromColumn = (column: string) =>
  LEAD_EVENTS.filter((e) => column.split(" ").includes(e));
