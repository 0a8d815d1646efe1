/**
 * Shared checks of the OpenAPI tests: the document the Worker serves, a real answer checked against
 * the schema it documents, and a site with a lead and a delivery to ask about.
 */

import { expect } from "vitest";
import { z } from "zod";
import { RESPONSE_SCHEMAS } from "../../worker/api/openapi";
import { openApiDocument } from "../../worker/index";
import { api, call, click, createSite, deliver, message, newPhone, type TestSite } from "./helpers";
import { GOOGLE_SPRING } from "./touch-fixtures";

/** A JSON object. */
export type Json = Record<string, unknown>;
/** The parts of the OpenAPI document the tests read. */
export interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, Json>; security: unknown[] }>>;
  components: { schemas: Record<string, Json> };
}
/** The document as the Worker serves it. */
export const doc = openApiDocument() as unknown as Doc;

/** Hono's `:id` and `:code{regex}` → OpenAPI's `{id}`, `{code}`. */
export const toOpenApiPath = (path: string) =>
  path.replace(/:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, "{$1}");

/** The component a documented JSON response refers to. */
export function documentedSchema(method: string, path: string, status: number): string {
  const response = doc.paths[path]?.[method]?.responses[String(status)] as
    | { content?: Record<string, { schema?: { $ref?: string } }> }
    | undefined;
  expect(response, `${method} ${path} → ${status} is documented`).toBeDefined();
  const ref = response?.content?.["application/json"]?.schema?.$ref;
  expect(ref, `${method} ${path} → ${status} has a JSON schema`).toBeDefined();
  return String(ref).replace("#/components/schemas/", "");
}

/**
 * Checks a real response against the document: its status is documented for the operation, and
 * its body validates against the schema the document holds (read back with `z.fromJSONSchema`)
 * and against the zod schema that produced it.
 */
export async function expectDocumented(
  method: string,
  path: string,
  res: Response,
  status: number,
) {
  expect(res.status, `${method} ${path}`).toBe(status);
  const name = documentedSchema(method, path, status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body: unknown = await res.json();
  const fromDocument = z.fromJSONSchema(doc.components.schemas[name] as never);
  const checked = fromDocument.safeParse(body);
  expect(checked.success ? [] : checked.error.issues, `${name}: ${JSON.stringify(body)}`).toEqual(
    [],
  );
  const own = RESPONSE_SCHEMAS[name as keyof typeof RESPONSE_SCHEMAS].safeParse(body);
  expect(own.success ? [] : own.error.issues, name).toEqual([]);
  return body as Json;
}

/** Checks a non-JSON (or JSON-or-CSV) answer: status documented, media type among those documented. */
export function expectDocumentedMedia(method: string, path: string, res: Response, status: number) {
  expect(res.status, `${method} ${path}`).toBe(status);
  const response = doc.paths[path]?.[method]?.responses[String(status)] as
    | { content?: Record<string, unknown>; headers?: Record<string, unknown> }
    | undefined;
  expect(response, `${method} ${path} → ${status} is documented`).toBeDefined();
  const media = res.headers.get("content-type")?.split(";")[0] ?? null;
  if (response?.content) expect(Object.keys(response.content)).toContain(media);
  for (const header of Object.keys(response?.headers ?? {}))
    expect(res.headers.get(header), header).toBeTruthy();
}

/** Calls the Worker with a site's key (or a token) and an optional JSON body. */
export function send(site: TestSite | string, method: string, path: string, body?: unknown) {
  const token = typeof site === "string" ? site : site.apiKey;
  return call(
    new Request(`https://chatref.test${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** `send(...)`, then `expectDocumented` of its answer under the documented `path`. */
export async function sendDocumented(
  path: string,
  status: number,
  ...request: Parameters<typeof send>
) {
  return expectDocumented(request[1].toLowerCase(), path, await send(...request), status);
}

/** A site with a destination that does not answer and one attributed lead (with its delivery). */
export async function siteWithLead(): Promise<{ site: TestSite; leadId: string; phone: string }> {
  const site = await createSite();
  // A destination before the lead, so the lead leaves a delivery in the log. Its URL does not
  // answer: the delivery stays unsent (retrying), whatever the queue consumer does meanwhile.
  const hook = await send(site, "POST", "/api/v1/destinations", {
    kind: "webhook",
    name: "log",
    url: "http://127.0.0.1:9/hook",
  });
  expect(hook.status).toBe(201);
  const ref = await click(site, {
    ...GOOGLE_SPRING,
    landing_url: `${site.origin}/?utm_source=google`,
  });
  const phone = newPhone();
  const res = await deliver(site, message({ from: phone, body: `Hi! Ref: ${ref}` }));
  expect(res.status).toBe(200);
  const list = (await (await api(site, "/api/v1/leads")).json()) as { data: { id: string }[] };
  const leadId = list.data[0]?.id ?? "";
  expect(leadId).toMatch(/^lead_/);
  return { site, leadId, phone };
}
