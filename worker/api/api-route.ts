/**
 * One declaration per route: `apiRoute({ method, path, scope, summary, request, responses })` is
 * @hono/zod-openapi's `createRoute` plus who may call it. `apiApp()` mounts declarations with
 * `app.openapi(route, handler)`, and everything else follows from the declaration:
 * - the guard: `scope` `read` or `full` → the API-key check (a `read` key on a `full` route is a
 *   403, api-key-auth.ts), `admin` → the admin token, `public` → none;
 * - validation: params (a malformed id names nothing: 404), query (400) and a JSON body read with
 *   the bounded reader (http/validate.ts: counted while read, 413 beyond `bodyMax`), so the
 *   handler reads `c.req.valid("param" | "query" | "json")`;
 * - the OpenAPI document (openapi.ts): each declaration is registered as written.
 * zod-openapi's own validators are not used: they read bodies unbounded and only as
 * `application/json`, and answer in their own error shape.
 */
import { createRoute, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { ApiKeyScope } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiError, ERROR_CODES } from "../http/errors";
import { readJson, validate } from "../http/validate";
import { adminAuth } from "./admin-auth";
import { apiKeyAuth } from "./api-key-auth";

/** Who may call a route: a key of this scope, the admin token, or anyone. */
export type RouteScope = Exclude<ApiKeyScope, "events"> | "admin" | "public";
export const ROUTE_SCOPES = ["read", "full", "admin", "public"] as const satisfies RouteScope[];

/** A route declaration: createRoute's options, the scope, and the body bound. */
export type ApiRouteConfig = RouteConfig & {
  scope: RouteScope;
  /**
   * Error statuses this route answers beyond those its scope and request imply (path params:
   * 404; query or body: 400; body: 413; a key or token: 401, and 403 when it may write).
   */
  errors?: readonly number[];
  /** Largest JSON body accepted, in bytes (default 16 KiB). */
  bodyMax?: number;
  /**
   * The handler reads and validates the body itself (`readJson`), because something must answer
   * first (another site's id is a 404 whatever the body) or the schema depends on the row.
   */
  bodyInHandler?: boolean;
};

/** Declares a route (see the module comment). */
export function apiRoute<const R extends ApiRouteConfig>(config: R): R {
  if (!ROUTE_SCOPES.includes(config.scope))
    throw new Error(`${config.method} ${config.path}: no scope declared`);
  return createRoute(config);
}

const DEFAULT_BODY_MAX = 16 * 1024;

/** `{"error": {"code", "message"}}`: every 4xx and 5xx. */
export const errorSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() }),
});

/** A JSON response of `schema` (name it in openapi.ts RESPONSE_SCHEMAS to share it). */
export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body of `schema`. */
export const jsonBody = <S extends z.ZodType>(schema: S, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { "application/json": { schema } },
});

/** Path parameters `{id}` (and more): strings up to 64 characters. */
export const idParams = (what: string) =>
  z.strictObject({ id: z.string().min(1).max(64).describe(`the ${what}'s id`) });

/** The guard of a scope; `public` has none. */
function guard(scope: RouteScope) {
  if (scope === "public") return [];
  if (scope === "admin") return [adminAuth()];
  return [apiKeyAuth(scope)];
}

/** Validates params, query and body as declared, for `c.req.valid(...)`. */
function validated(route: ApiRouteConfig) {
  const { params, query, body } = route.request ?? {};
  const media = route.bodyInHandler ? undefined : body?.content["application/json"];
  const bodySchema = media && "schema" in media ? media.schema : undefined;
  if (body && !route.bodyInHandler && !(bodySchema instanceof z.ZodType))
    throw new Error(`${route.method} ${route.path}: a body must be a zod JSON schema`);
  if (!params && !query && !bodySchema) return [];
  return [
    createMiddleware<AppEnv>(async function validated(c, next) {
      if (params instanceof z.ZodType) {
        const result = params.safeParse(c.req.param());
        if (!result.success)
          throw new ApiError(404, "not_found", `Nothing at ${c.req.path.slice(0, 200)}`);
        c.req.addValidatedData("param", result.data as object);
      }
      if (query instanceof z.ZodType)
        c.req.addValidatedData("query", validate(query, c.req.query()) as object);
      if (bodySchema instanceof z.ZodType)
        c.req.addValidatedData(
          "json",
          (await readJson(c, bodySchema, route.bodyMax ?? DEFAULT_BODY_MAX)) as object,
        );
      await next();
    }),
  ];
}

/**
 * An OpenAPIHono sub-app whose `openapi(route, handler)` guards and validates as the declaration
 * says and registers it (scope included) for the document.
 */
export function apiApp() {
  const app = new OpenAPIHono<AppEnv>();
  const mount = app.openapi;
  app.openapi = ((route: ApiRouteConfig, handler: never) => {
    if (!ROUTE_SCOPES.includes(route.scope))
      throw new Error(`${route.method} ${route.path}: no scope declared`);
    const { request: _request, middleware: _middleware, ...rest } = route;
    app.openAPIRegistry.registerPath(route);
    return mount(
      { ...rest, hide: true, middleware: [...guard(route.scope), ...validated(route)] },
      handler,
    );
  }) as unknown as typeof mount;
  return app;
}
