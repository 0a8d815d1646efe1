/**
 * Shared set-up of the site administration tests (/api/v1/sites): admin requests, a site created
 * through the API, the error check and the routes behind the admin token.
 */
import { expect } from "vitest";
import type { ApiKeyJson, SiteJson } from "../../worker/api/site-json";
import { ADMIN_TOKEN } from "./consent-helpers";
import { call, type TestSite } from "./helpers";

/** The Worker's admin token in the tests (vitest.config.ts). */
export { ADMIN_TOKEN };
/** A key as created: its JSON plus the secret, shown once. */
export type NewKey = ApiKeyJson & { key: string };
/** A site as created, with its first key unless `with_key` was false. */
export type CreatedSite = SiteJson & { api_key: NewKey | null };

let counter = 0;
/** A site body with its own key, phone_number_id and origin. */
export function siteBody(extra: object = {}) {
  const u = `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return {
    key: `shop-${u}`,
    name: `Shop ${u}`,
    wa_number: "15550002222",
    phone_number_id: `2${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    allowed_origins: [`https://${u}.shop.test`],
    ...extra,
  };
}

/** An admin API request with the admin token (or `token`; no Authorization when null). */
export function adminRequest(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = ADMIN_TOKEN,
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Request(`https://chatref.test${path}`, {
    method,
    headers,
    body:
      body === undefined || method === "GET"
        ? undefined
        : typeof body === "string"
          ? body
          : JSON.stringify(body),
  });
}

/** Calls the Worker with `adminRequest(...)`. */
export const admin = (...args: Parameters<typeof adminRequest>) => call(adminRequest(...args));

/** Creates a site through `POST /api/v1/sites`; `site` works with the other helpers. */
export async function adminSite(
  extra: object = {},
): Promise<{ json: CreatedSite; site: TestSite }> {
  const res = await admin("POST", "/api/v1/sites", siteBody(extra));
  expect(res.status).toBe(201);
  const json = (await res.json()) as CreatedSite;
  const site: TestSite = {
    id: json.id,
    key: json.key,
    phoneNumberId: json.phone_number_id,
    waNumber: json.wa_number,
    apiKey: json.api_key?.key ?? "",
    origin: json.allowed_origins[0] ?? "",
  };
  return { json, site };
}

/** Checks an error answer: its status and the code of the one JSON error shape. */
export async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error.message;
}

/** Each of `bodies` sent as `method path` is a 400 `validation_failed`. */
export async function expectInvalid(method: string, path: string, bodies: unknown[]) {
  for (const body of bodies)
    await expectError(await admin(method, path, body), 400, "validation_failed");
}

/** `admin(...)` names nothing: a 404 `not_found`. */
export async function expectNotFound(...args: Parameters<typeof adminRequest>) {
  return expectError(await admin(...args), 404, "not_found");
}

/** Every route behind the admin token (method, path). */
export const ROUTES: [string, string][] = [
  ["POST", "/api/v1/sites"],
  ["GET", "/api/v1/sites"],
  ["GET", "/api/v1/sites/site_x"],
  ["PATCH", "/api/v1/sites/site_x"],
  ["POST", "/api/v1/sites/site_x/keys"],
  ["GET", "/api/v1/sites/site_x/keys"],
  ["DELETE", "/api/v1/sites/site_x/keys/key_x"],
];
