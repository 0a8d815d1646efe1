/**
 * The `chatref` CLI's commands (scripts/chatref.mjs): each one's options, usage, help and what it
 * asks the admin API.
 */
import {
  DEFAULT_URL,
  newKeyText,
  request,
  siteText,
  stringOption,
  table,
  UsageError,
} from "./chatref-api.mjs";
import { CONNECTION_COMMANDS } from "./chatref-connections.mjs";

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
  number: stringOption("WhatsApp business number, digits with country code"),
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
};

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
      const data = [];
      let cursor = null;
      do {
        const query = `?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const page = await request("GET", `/api/v1/sites${query}`);
        data.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor);
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
    about: "Show one site.",
    options: {},
    args: ["site-id"],
    run: async (_, [id]) => {
      const site = await request("GET", `/api/v1/sites/${encodeURIComponent(id)}`);
      return { json: site, text: () => siteText(site) };
    },
  },
  "sites update": {
    usage:
      "sites update <site-id> [--name <name>] [--number <digits>] [--origin <origin> …] [--waba-id <id>] [--timezone <zone>] [--opt-out-keyword <word> …] [--opt-in-keyword <word> …] [--click-retention-days <n>] [--click-rate-limit <60|120|300|600>]",
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
      if (!Object.keys(body).length)
        throw new UsageError(
          "nothing to update: pass --name, --number, --origin, --waba-id, --timezone, --opt-out-keyword, --opt-in-keyword, --click-retention-days or --click-rate-limit",
        );
      const site = await request("PATCH", `/api/v1/sites/${encodeURIComponent(id)}`, body);
      return { json: site, text: () => siteText(site) };
    },
  },
  "keys create": {
    usage: "keys create <site-id> --name <name> [--scope read|full]",
    about:
      "Create an API key for a site. The key is shown once. Scope `read` (the default) answers every GET; `full` may also write, forward, backfill, retry and erase.",
    options: {
      name: stringOption("what the key is for"),
      scope: stringOption("read (default: every GET) or full (everything)"),
    },
    required: ["name"],
    args: ["site-id"],
    run: async (o, [id]) => {
      if (o.scope !== undefined && o.scope !== "read" && o.scope !== "full")
        throw new UsageError(`--scope takes read or full, got "${o.scope}"`);
      const key = await request("POST", `/api/v1/sites/${encodeURIComponent(id)}/keys`, {
        name: o.name,
        ...(o.scope ? { scope: o.scope } : {}),
      });
      return { json: key, text: () => newKeyText(key) };
    },
  },
  "keys list": {
    usage: "keys list <site-id>",
    about: "List a site's API keys (never the keys themselves).",
    options: {},
    args: ["site-id"],
    run: async (_, [id]) => {
      const keys = await request("GET", `/api/v1/sites/${encodeURIComponent(id)}/keys`);
      return {
        json: keys,
        text: () =>
          table(keys.data, {
            id: (k) => k.id,
            name: (k) => k.name,
            prefix: (k) => (k.prefix ? `${k.prefix}…` : "-"),
            created: (k) => k.created_at,
            status: (k) => (k.revoked_at ? `revoked ${k.revoked_at}` : "active"),
          }),
      };
    },
  },
  "keys revoke": {
    usage: "keys revoke <site-id> <key-id>",
    about: "Revoke an API key; it stops working at once.",
    options: {},
    args: ["site-id", "key-id"],
    run: async (_, [id, keyId]) => {
      const key = await request(
        "DELETE",
        `/api/v1/sites/${encodeURIComponent(id)}/keys/${encodeURIComponent(keyId)}`,
      );
      return { json: key, text: () => `Revoked key ${key.id} (${key.name}) at ${key.revoked_at}` };
    },
  },
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
};
