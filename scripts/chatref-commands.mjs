/**
 * The `chatref` CLI's commands (scripts/chatref.mjs): each one's options, usage, help and what it
 * asks the admin API.
 */
import {
  allPages,
  DEFAULT_URL,
  newKeyText,
  request,
  siteText,
  stringOption,
  table,
  UsageError,
} from "./chatref-api.mjs";
import { CONNECTION_COMMANDS } from "./chatref-connections.mjs";
import { DOCTOR_COMMANDS } from "./chatref-doctor.mjs";
import { EVENTS_COMMANDS } from "./chatref-events.mjs";
import { KEY_COMMANDS } from "./chatref-keys.mjs";
import { readSetup, SETUP_COMMANDS, setupText } from "./chatref-setup.mjs";

export const GLOBAL = {
  url: stringOption(`Worker base URL (env CHATREF_URL; default ${DEFAULT_URL})`),
  "admin-token": stringOption(
    "admin token (env CHATREF_ADMIN_TOKEN; for a local URL, .dev.vars is read)",
  ),
  json: { type: "boolean", desc: "print the API's JSON instead of a table" },
  help: { type: "boolean", short: "h", desc: "show help" },
};

const SITE_FIELDS = {
  name: stringOption("display name"),
  number: stringOption(
    "WhatsApp business number with its country code, as written (+1 555 000 4444) or digits",
  ),
  origin: {
    type: "string",
    multiple: true,
    desc: "allowed origin of click beacons (repeat; https://shop.example, https://*.example.com, http://localhost:*)",
  },
  "waba-id": stringOption("WhatsApp Business Account id (Meta CAPI)"),
  timezone: {
    type: "string",
    desc: "IANA time zone the stats count days in (default UTC), e.g. Europe/Madrid",
  },
  currency: {
    type: "string",
    desc: "ISO 4217 code the stats' revenue is in (default USD); other currencies are shown apart",
  },
  "consent-default": {
    type: "string",
    desc: "Consent Mode state where a click carries none: granted (default) or denied (EEA sites without a consent banner)",
  },
  inference: {
    type: "string",
    desc: "infer the click of a first message whose ref was deleted: on (default) or off (README, Inferred attribution)",
  },
};

/** `--consent-default` checked before it is sent. */
function consentDefault(value) {
  if (value !== "granted" && value !== "denied")
    throw new UsageError(`--consent-default takes granted or denied, got "${value}"`);
  return value;
}

/** `--inference` checked before it is sent. */
function inference(value) {
  if (value !== "on" && value !== "off")
    throw new UsageError(`--inference takes on or off, got "${value}"`);
  return value;
}

/** Every command: its usage line, options, and what it does with the parsed arguments. */
export const COMMANDS = {
  "sites create": {
    usage:
      "sites create --key <slug> --name <name> --number <digits> --phone-number-id <id> --origin <origin> [--origin …]",
    about: "Create a site and its first API key (shown once).",
    options: {
      key: stringOption("public site key for data-site (a-z, 0-9, -)"),
      ...SITE_FIELDS,
      "phone-number-id": stringOption("WhatsApp Cloud API phone_number_id"),
      "no-key": { type: "boolean", desc: "do not create a first API key" },
    },
    required: ["key", "name", "number", "phone-number-id"],
    run: async (o) => {
      const site = await request("POST", "/api/v1/sites", {
        key: o.key,
        name: o.name,
        wa_number: o.number,
        phone_number_id: o["phone-number-id"],
        allowed_origins: o.origin ?? [],
        ...(o["waba-id"] !== undefined ? { waba_id: o["waba-id"] } : {}),
        ...(o.timezone !== undefined ? { timezone: o.timezone } : {}),
        ...(o.currency !== undefined ? { currency: o.currency } : {}),
        ...(o["consent-default"] !== undefined
          ? { consent_default: consentDefault(o["consent-default"]) }
          : {}),
        ...(o.inference !== undefined ? { inference: inference(o.inference) } : {}),
        with_key: !o["no-key"],
      });
      return {
        json: site,
        text: () => [siteText(site), site.api_key ? newKeyText(site.api_key) : ""],
      };
    },
  },
  "sites list": {
    usage: "sites list",
    about: "List every site.",
    options: {},
    run: async () => {
      const data = await allPages("/api/v1/sites");
      return {
        json: { data },
        text: () =>
          table(data, {
            id: (s) => s.id,
            key: (s) => s.key,
            name: (s) => s.name,
            number: (s) => s.wa_number,
            phone_number_id: (s) => s.phone_number_id,
            origins: (s) => s.allowed_origins.join(" "),
          }),
      };
    },
  },
  "sites get": {
    usage: "sites get <site-id>",
    about:
      "Show one site and its set-up check: last beacon, webhook and lead, destinations, refused beacons, each with the fix.",
    options: {},
    args: ["site-id"],
    run: async (_, [id]) => {
      const site = await request("GET", `/api/v1/sites/${encodeURIComponent(id)}`);
      const setup = await readSetup(id);
      return {
        json: { ...site, setup },
        text: () => [siteText(site), setup ? setupText(setup) : ""],
      };
    },
  },
  "sites update": {
    usage:
      "sites update <site-id> [--name <name>] [--number <digits>] [--origin <origin> …] [--waba-id <id>] [--timezone <zone>] [--currency <code>] [--opt-out-keyword <word> …] [--opt-in-keyword <word> …] [--click-retention-days <n>] [--click-rate-limit <60|120|300|600>] [--consent-default granted|denied] [--inference on|off]",
    about: "Change a site; --origin replaces the whole list. Applies at once.",
    options: {
      ...SITE_FIELDS,
      "opt-out-keyword": {
        type: "string",
        multiple: true,
        desc: "extra opt-out keyword (repeat; replaces the site's extra list)",
      },
      "opt-in-keyword": {
        type: "string",
        multiple: true,
        desc: "extra opt-in keyword (repeat; replaces the site's extra list)",
      },
      "click-retention-days": {
        type: "string",
        desc: "days to keep unmatched clicks (default 90)",
      },
      "click-rate-limit": {
        type: "string",
        desc: "click beacons and scans a minute per client: 60 (default), 120, 300 or 600",
      },
    },
    args: ["site-id"],
    run: async (o, [id]) => {
      const body = {};
      if (o["opt-out-keyword"] !== undefined || o["opt-in-keyword"] !== undefined)
        body.consent_keywords = {
          opt_out: o["opt-out-keyword"] ?? [],
          opt_in: o["opt-in-keyword"] ?? [],
        };
      if (o["click-retention-days"] !== undefined) {
        const days = Number(o["click-retention-days"]);
        if (!Number.isInteger(days))
          throw new UsageError("--click-retention-days takes a whole number");
        body.click_retention_days = days;
      }
      if (o["click-rate-limit"] !== undefined) {
        const limit = Number(o["click-rate-limit"]);
        if (!Number.isInteger(limit))
          throw new UsageError("--click-rate-limit takes 60, 120, 300 or 600");
        body.click_rate_limit = limit;
      }
      if (o.name !== undefined) body.name = o.name;
      if (o.number !== undefined) body.wa_number = o.number;
      if (o.origin !== undefined) body.allowed_origins = o.origin;
      if (o["waba-id"] !== undefined) body.waba_id = o["waba-id"];
      if (o.timezone !== undefined) body.timezone = o.timezone;
      if (o.currency !== undefined) body.currency = o.currency;
      if (o["consent-default"] !== undefined)
        body.consent_default = consentDefault(o["consent-default"]);
      if (o.inference !== undefined) body.inference = inference(o.inference);
      if (!Object.keys(body).length)
        throw new UsageError(
          "nothing to update: pass --name, --number, --origin, --waba-id, --timezone, --currency, --opt-out-keyword, --opt-in-keyword, --click-retention-days, --click-rate-limit, --consent-default or --inference",
        );
      const site = await request("PATCH", `/api/v1/sites/${encodeURIComponent(id)}`, body);
      return { json: site, text: () => siteText(site) };
    },
  },
  ...KEY_COMMANDS,
  "consent-texts add": {
    usage: "consent-texts add --site <site-id> --text <exact opt-in text> --lang <lang>",
    about:
      "Register an opt-in text the site shows (exact words): opt-ins made with it count, earlier ones too.",
    options: {
      site: stringOption("site id"),
      text: stringOption("the exact words next to the checkbox"),
      lang: stringOption("language of the text (en, es, pt-BR…)"),
    },
    required: ["site", "text", "lang"],
    run: async (o) => {
      const t = await request("POST", `/api/v1/sites/${encodeURIComponent(o.site)}/consent-texts`, {
        text: o.text,
        lang: o.lang,
      });
      return { json: t, text: () => `Registered ${t.version} (${t.lang}): ${t.text}` };
    },
  },
  "consent-texts list": {
    usage: "consent-texts list --site <site-id>",
    about:
      "List the opt-in texts a site registered or its pages sent (unregistered ones count nothing).",
    options: { site: stringOption("site id") },
    required: ["site"],
    run: async (o) => {
      const texts = await request(
        "GET",
        `/api/v1/sites/${encodeURIComponent(o.site)}/consent-texts?limit=500`,
      );
      return {
        json: texts,
        text: () =>
          table(texts.data, {
            version: (t) => t.version,
            lang: (t) => t.lang ?? "-",
            status: (t) => (t.registered ? `registered (${t.registered_by})` : "NOT registered"),
            waiting: (t) => String(t.unverified_optins),
            text: (t) => (t.text.length > 60 ? `${t.text.slice(0, 59)}…` : t.text),
          }),
      };
    },
  },
  ...CONNECTION_COMMANDS,
  ...SETUP_COMMANDS,
  ...DOCTOR_COMMANDS,
  ...EVENTS_COMMANDS,
};
