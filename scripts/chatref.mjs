#!/usr/bin/env node
/**
 * `npx chatref …`: site and API key administration against a local or deployed Worker, through
 * the admin API (`/api/v1/sites`, worker/api/sites-route.ts). Plain Node ESM, no dependencies.
 *
 * Exit codes: 0 done, 1 the API answered with an error, 2 bad usage, 3 the Worker is unreachable.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_URL = "http://127.0.0.1:8787";

const GLOBAL = {
  url: { type: "string", desc: `Worker base URL (env CHATREF_URL; default ${DEFAULT_URL})` },
  "admin-token": {
    type: "string",
    desc: "admin token (env CHATREF_ADMIN_TOKEN; for a local URL, .dev.vars is read)",
  },
  json: { type: "boolean", desc: "print the API's JSON instead of a table" },
  help: { type: "boolean", short: "h", desc: "show help" },
};

const SITE_FIELDS = {
  name: { type: "string", desc: "display name" },
  number: { type: "string", desc: "WhatsApp business number, digits with country code" },
  origin: {
    type: "string",
    multiple: true,
    desc: "allowed origin of click beacons (repeat; https://shop.example, https://*.example.com, http://localhost:*)",
  },
  "waba-id": { type: "string", desc: "WhatsApp Business Account id (Meta CAPI)" },
  timezone: {
    type: "string",
    desc: "IANA time zone the stats count days in (default UTC), e.g. Europe/Madrid",
  },
};

/** Every command: its usage line, options, and what it does with the parsed arguments. */
const COMMANDS = {
  "sites create": {
    usage:
      "sites create --key <slug> --name <name> --number <digits> --phone-number-id <id> --origin <origin> [--origin …]",
    about: "Create a site and its first API key (shown once).",
    options: {
      key: { type: "string", desc: "public site key for data-site (a-z, 0-9, -)" },
      ...SITE_FIELDS,
      "phone-number-id": { type: "string", desc: "WhatsApp Cloud API phone_number_id" },
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
      name: { type: "string", desc: "what the key is for" },
      scope: { type: "string", desc: "read (default: every GET) or full (everything)" },
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
      site: { type: "string", desc: "site id" },
      text: { type: "string", desc: "the exact words next to the checkbox" },
      lang: { type: "string", desc: "language of the text (en, es, pt-BR…)" },
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
    options: { site: { type: "string", desc: "site id" } },
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
};

class UsageError extends Error {}
class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
class Unreachable extends Error {}

let settings = { url: DEFAULT_URL, token: "" };

async function request(method, pathname, body) {
  let res;
  try {
    res = await fetch(new URL(pathname, `${settings.url}/`), {
      method,
      headers: {
        authorization: `Bearer ${settings.token}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new Unreachable(`cannot reach ${settings.url}: ${err.cause?.message ?? err.message}`);
  }
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok)
    throw new ApiFailure(
      res.status,
      json?.error?.code ?? "http_error",
      json?.error?.message ?? (text.slice(0, 200) || res.statusText),
    );
  if (json === undefined)
    throw new ApiFailure(res.status, "bad_response", `not JSON: ${text.slice(0, 200)}`);
  return json;
}

function siteText(s) {
  return [
    `Site ${s.id}`,
    `  key              ${s.key}`,
    `  name             ${s.name}`,
    `  number           ${s.wa_number}`,
    `  phone_number_id  ${s.phone_number_id}`,
    `  allowed origins  ${s.allowed_origins.join(" ") || "(none: beacons are refused)"}`,
    `  waba_id          ${s.waba_id ?? "-"}`,
    `  time zone        ${s.timezone}`,
    `  click limit      ${s.click_rate_limit ?? 60} a minute per client`,
    `  created          ${s.created_at}`,
  ].join("\n");
}

function newKeyText(k) {
  return [
    `API key ${k.id} (${k.name})${k.scope ? `, scope ${k.scope}` : ""}`,
    `  ${k.key}`,
    "  Store it now: it is shown only once (only its hash is kept).",
  ].join("\n");
}

/** A plain text table; `columns` maps a header to the cell of a row. */
function table(rows, columns) {
  if (!rows.length) return "(none)";
  const heads = Object.keys(columns);
  const cells = rows.map((r) => heads.map((h) => String(columns[h](r) ?? "")));
  const widths = heads.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(heads.map((h) => h.toUpperCase())), ...cells.map(line)].join("\n");
}

function optionHelp(options) {
  return Object.entries(options)
    .map(([name, o]) => `  --${name}${o.type === "string" ? " <value>" : ""}`.padEnd(30) + o.desc)
    .join("\n");
}

function help(name) {
  const cmd = COMMANDS[name];
  if (cmd)
    return [
      `Usage: chatref ${cmd.usage} [global options]`,
      "",
      cmd.about,
      ...(Object.keys(cmd.options).length ? ["", "Options:", optionHelp(cmd.options)] : []),
      "",
      "Global options:",
      optionHelp(GLOBAL),
    ].join("\n");
  return [
    "Usage: chatref <command> [options]",
    "",
    "Site and API key administration of a chatref Worker (local or deployed).",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(14)}${c.about}`),
    "",
    "Global options:",
    optionHelp(GLOBAL),
    "",
    "`chatref <command> --help` shows a command's options.",
    "Exit codes: 0 done, 1 API error, 2 bad usage, 3 Worker unreachable.",
  ].join("\n");
}

/** The admin token of the local demo (.dev.vars), used only for a local URL. */
function localToken(url) {
  if (!/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(url)) return "";
  const file = path.join(root, ".dev.vars");
  if (!existsSync(file)) return "";
  return (
    /^\s*CHATREF_ADMIN_TOKEN\s*=\s*"?([^"\n]*)"?\s*$/m.exec(readFileSync(file, "utf8"))?.[1] ?? ""
  );
}

const ALL_OPTIONS = Object.fromEntries(
  [GLOBAL, ...Object.values(COMMANDS).map((c) => c.options)].flatMap((o) =>
    // parseArgs takes type/multiple/short only; `desc` is for the help text.
    Object.entries(o).map(([n, { desc: _, ...spec }]) => [n, spec]),
  ),
);

export async function main(argv, env = process.env) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: ALL_OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return { code: 2, stderr: `chatref: ${err.message}\nRun \`chatref --help\` for usage.` };
  }
  const { values: o, positionals } = parsed;
  const name = positionals.slice(0, 2).join(" ");
  const cmd = COMMANDS[name];
  if (!cmd) {
    if (o.help || !positionals.length) return { code: o.help ? 0 : 2, stdout: help() };
    return { code: 2, stderr: `chatref: unknown command "${name}"\n\n${help()}` };
  }
  if (o.help) return { code: 0, stdout: help(name) };
  const usage = (message) => ({
    code: 2,
    stderr: `chatref: ${message}\nUsage: chatref ${cmd.usage}\nRun \`chatref ${name} --help\` for details.`,
  });
  for (const option of Object.keys(o))
    if (!(option in GLOBAL) && !(option in cmd.options))
      return usage(`--${option} does not apply to "${name}"`);
  for (const option of cmd.required ?? [])
    if (o[option] === undefined || o[option] === "") return usage(`--${option} is required`);
  const args = positionals.slice(2);
  const expected = cmd.args ?? [];
  if (args.length !== expected.length)
    return usage(
      args.length < expected.length
        ? `missing <${expected[args.length]}>`
        : `unexpected argument "${args[expected.length]}"`,
    );
  const url = (o.url ?? env.CHATREF_URL ?? DEFAULT_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/.test(url))
    return usage(`--url must be http(s)://host[:port], got "${url}"`);
  const token = o["admin-token"] ?? env.CHATREF_ADMIN_TOKEN ?? localToken(url);
  if (!token) return usage("no admin token: pass --admin-token or set CHATREF_ADMIN_TOKEN");
  settings = { url, token };
  try {
    const result = await cmd.run(o, args);
    const out = o.json
      ? JSON.stringify(result.json, null, 2)
      : [result.text()].flat().filter(Boolean).join("\n\n");
    return { code: 0, stdout: out };
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message);
    if (err instanceof ApiFailure) {
      const stderr = `chatref: ${err.code} (HTTP ${err.status}): ${err.message}`;
      return {
        code: 1,
        stderr,
        stdout: o.json
          ? JSON.stringify(
              { error: { code: err.code, message: err.message, status: err.status } },
              null,
              2,
            )
          : undefined,
      };
    }
    if (err instanceof Unreachable) return { code: 3, stderr: `chatref: ${err.message}` };
    throw err;
  }
}

// Run as a program (`npx chatref`, through the node_modules/.bin link), not when imported.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { code, stdout, stderr } = await main(process.argv.slice(2));
  if (stdout) process.stdout.write(`${stdout}\n`);
  if (stderr) process.stderr.write(`${stderr}\n`);
  process.exitCode = code;
}
