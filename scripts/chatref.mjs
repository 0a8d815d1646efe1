#!/usr/bin/env node
/**
 * `npx chatref …`: site and API key administration against a local or deployed Worker, through
 * the admin API (`/api/v1/sites`, worker/api/sites-route.ts). Plain Node ESM, no dependencies.
 *
 * Exit codes: 0 done, 1 the API answered with an error, 2 bad usage, 3 the Worker is unreachable.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ApiFailure, DEFAULT_URL, settings, Unreachable, UsageError } from "./chatref-api.mjs";
import { COMMANDS, GLOBAL } from "./chatref-commands.mjs";
import { localVar } from "./chatref-dev-vars.mjs";

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
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(20)}${c.about}`),
    "",
    "Global options:",
    optionHelp(GLOBAL),
    "",
    "`chatref <command> --help` shows a command's options.",
    "Exit codes: 0 done, 1 API error, 2 bad usage, 3 Worker unreachable.",
  ].join("\n");
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
  // A site's own commands (`events`) take its API key; the rest the admin token.
  const token =
    cmd.auth === "key"
      ? (o["api-key"] ?? env.CHATREF_API_KEY)
      : (o["admin-token"] ?? env.CHATREF_ADMIN_TOKEN ?? localVar(url, "CHATREF_ADMIN_TOKEN"));
  if (!token)
    return usage(
      cmd.auth === "key"
        ? "no API key: pass --api-key or set CHATREF_API_KEY"
        : "no admin token: pass --admin-token or set CHATREF_ADMIN_TOKEN",
    );
  Object.assign(settings, { url, token, env });
  try {
    const result = await cmd.run(o, args);
    const out = o.json
      ? JSON.stringify(result.json, null, 2)
      : [result.text()].flat().filter(Boolean).join("\n\n");
    // A command may report a failure it printed itself (`doctor`: a check failed).
    return { code: result.code ?? 0, stdout: out };
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message);
    if (err instanceof ApiFailure) {
      // A validation error names every field ("a: …; b: …"): one line each, none left out.
      const problems = err.code === "validation_failed" ? err.message.split("; ") : [];
      const stderr =
        problems.length > 1
          ? [`chatref: ${err.code} (HTTP ${err.status}):`, ...problems.map((p) => `  ${p}`)].join(
              "\n",
            )
          : `chatref: ${err.code} (HTTP ${err.status}): ${err.message}`;
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
