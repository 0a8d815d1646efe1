/**
 * `chatref keys create|list|revoke`: a site's API keys through the admin API. Scopes: `read`
 * (every GET), `full` (everything), `events` (a CRM hook URL, nothing in the API).
 */
import { newKeyText, request, settings, stringOption, UsageError } from "./chatref-api.mjs";
import { listAnswer } from "./chatref-list.mjs";

export const KEY_COMMANDS = {
  "keys create": {
    usage: "keys create <site-id> --name <name> [--scope read|full|events]",
    about:
      "Create an API key for a site. The key is shown once. Scope `read` (the default) answers every GET; `full` may also write, forward, backfill, retry and erase; `events` opens nothing in the API and is the secret of a CRM hook URL (POST /webhooks/crm/<key>: sale events from a no-code tool).",
    options: {
      name: stringOption("what the key is for"),
      scope: stringOption("read (default: every GET), full (everything) or events (a CRM hook)"),
    },
    required: ["name"],
    args: ["site-id"],
    run: async (o, [id]) => {
      if (o.scope !== undefined && !["read", "full", "events"].includes(o.scope))
        throw new UsageError(`--scope takes read, full or events, got "${o.scope}"`);
      const key = await request("POST", `/api/v1/sites/${encodeURIComponent(id)}/keys`, {
        name: o.name,
        ...(o.scope ? { scope: o.scope } : {}),
      });
      const hook =
        key.scope === "events"
          ? `\n  CRM hook URL: ${settings.url}/webhooks/crm/${key.key}\n  (POST the sale events there: see the README, section "Sales")`
          : "";
      return { json: key, text: () => newKeyText(key) + hook };
    },
  },
  "keys list": {
    usage: "keys list <site-id>",
    about: "List a site's API keys (never the keys themselves).",
    options: {},
    args: ["site-id"],
    run: (_, [id]) =>
      listAnswer(`/api/v1/sites/${encodeURIComponent(id)}/keys`, {
        id: (k) => k.id,
        name: (k) => k.name,
        prefix: (k) => (k.prefix ? `${k.prefix}…` : "-"),
        created: (k) => k.created_at,
        status: (k) => (k.revoked_at ? `revoked ${k.revoked_at}` : "active"),
      }),
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
};
