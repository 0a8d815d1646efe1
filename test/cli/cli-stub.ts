/**
 * A stub of the admin API for the CLI tests, and the CLI run as a child process against it. What
 * the stub saw (`seen`) and its address (`base`) are live bindings; `respondWith` sets its answer.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";

const CLI = path.resolve(import.meta.dirname, "../../scripts/chatref.mjs");
/** The admin token the CLI is given. */
export const TOKEN = "stub-admin-token";

/** One request the stub received. */
export interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}
/** The stub's answer to a request. */
export type Handler = (req: Seen) => { status: number; body: unknown };

let server: Server;
/** The stub's URL, set once it listens. */
export let base: string;
/** The requests the stub received in this test. */
export let seen: Seen[] = [];
let handler: Handler;

/** A site as the admin API returns it. */
export const SITE = {
  id: "site_01",
  key: "lumen",
  name: "Lumen Coffee",
  wa_number: "15550001111",
  phone_number_id: "100000000000001",
  allowed_origins: ["https://lumen.example", "https://*.lumen.example"],
  waba_id: null,
  timezone: "UTC",
  created_at: "2026-11-21T10:00:00.000Z",
};
/** A site's set-up state as `GET /api/v1/sites/{id}/setup` answers it: every step seen, unless `parts` say. */
export function setupState(parts: Record<string, unknown>) {
  const seenAt = { at: "2026-12-05T10:00:00.000Z", fix: null };
  return {
    site_id: SITE.id,
    site_key: SITE.key,
    beacon: seenAt,
    webhook: seenAt,
    lead: seenAt,
    destinations: [],
    rejected_beacons: [],
    ...parts,
  };
}
/** The set-up state's GA4 destination whose latest delivery failed, with `fix`. */
export const failingGa4 = (fix: string) => ({
  id: "dst_01",
  kind: "ga4",
  name: "GA4",
  status: "failing",
  last_sent_at: null,
  last_error: { message: "HTTP 403", at: "2026-12-05T09:00:00.000Z" },
  fix,
});
/** A newly minted API key as the admin API returns it. */
export const NEW_KEY = {
  id: "key_01",
  name: "default",
  prefix: "crk_ABCD1234",
  created_at: "2026-11-21T10:00:00.000Z",
  revoked_at: null,
  key: "crk_ABCD1234EFGH5678JKMN9PQRSTVWXYZ0",
};

async function read(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

/** Starts the stub for this file; before each test it forgets what it saw and answers 500. */
export function useStubApi(): void {
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const r: Seen = {
        method: req.method ?? "",
        url: req.url ?? "",
        authorization: req.headers.authorization,
        body: await read(req),
      };
      seen.push(r);
      const { status, body } = handler(r);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen = [];
    handler = () => ({ status: 500, body: { error: { code: "internal", message: "unexpected" } } });
  });
}

/** Sets the stub's answer for the rest of the test. */
export function respondWith(h: Handler): void {
  handler = h;
}

/** Runs the CLI with these arguments and only this environment (plus PATH). */
export function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      // No CHATREF_* from the caller's environment: each test says what it sets.
      { env: { PATH: process.env.PATH ?? "", ...env }, timeout: 20_000 },
      (err, stdout, stderr) =>
        resolve({
          code: err ? Number(err.code ?? 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        }),
    );
  });
}
/** Runs the CLI against the stub with the admin token. */
export const withAuth = (...args: string[]) =>
  run([...args, "--url", base, "--admin-token", TOKEN]);

const SITE_FLAGS = {
  "--key": SITE.key,
  "--name": SITE.name,
  "--number": SITE.wa_number,
  "--phone-number-id": SITE.phone_number_id,
};

/** `sites create` of the site SITE describes (key, name, number, phone_number_id), then `extra`. */
export const createSiteCli = (...extra: string[]) =>
  withAuth("sites", "create", ...Object.entries(SITE_FLAGS).flat(), ...extra);

/**
 * `sites create` (createSiteCli) with `args`, answered with the new site changed by `body`: exits 0
 * having sent `body` in the POST.
 */
export async function createSiteWith(body: Record<string, unknown>, ...args: string[]) {
  respondWith(() => ({ status: 201, body: { ...SITE, ...body, api_key: NEW_KEY } }));
  const r = await createSiteCli(...args);
  expect(r.code).toBe(0);
  expect(seen.at(-1)).toMatchObject({ method: "POST", body });
}

/** `sites update site_01` with `args`, against the stub. */
export const updateSiteCli = (...args: string[]) => withAuth("sites", "update", "site_01", ...args);

/**
 * `sites update site_01 <args>`, answered with the site changed by `body`: exits 0 having sent
 * `body` as the PATCH. Resolves with the run, for what the CLI printed.
 */
export async function updateSiteWith(body: Record<string, unknown>, ...args: string[]) {
  respondWith(() => ({ status: 200, body: { ...SITE, ...body } }));
  const r = await updateSiteCli(...args);
  expect(r.code).toBe(0);
  expect(seen.at(-1)).toMatchObject({ method: "PATCH", url: "/api/v1/sites/site_01", body });
  return r;
}

/** `sites update site_01 <args>` with a value the CLI refuses: exit 2, `stderr`, nothing sent. */
export async function expectUsageError(stderr: RegExp, ...args: string[]) {
  const before = seen.length;
  const r = await updateSiteCli(...args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(stderr);
  expect(seen).toHaveLength(before);
}
