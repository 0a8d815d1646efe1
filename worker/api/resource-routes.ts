/**
 * The declarations of one resource's routes. A resource's routes share their OpenAPI tag, their
 * scopes (a GET reads, any other method writes) and the `{id}` path parameter, and its list and
 * get routes have one shape everywhere; `resourceRoutes(...)` states those once, so a declaration
 * states only what is its own. The result is still an `apiRoute` declaration (api-route.ts): the
 * one source of the OpenAPI document and of the scope check.
 */
import type { z } from "zod";
import {
  type ApiRouteConfig,
  apiRoute,
  idParams,
  jsonBody,
  jsonResponse,
  type RouteScope,
} from "./api-route";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Request = NonNullable<ApiRouteConfig["request"]>;
type Query = Request["query"];
/** A response, as `jsonResponse(...)` declares it. */
type Answer = ReturnType<typeof jsonResponse>;
/** What a create route may declare beyond its body and answer. */
type Extra = Pick<ApiRouteConfig, "errors">;

/** What a declaration states of its own: request, responses, errors and body bounds. */
export type OwnParts = Omit<
  ApiRouteConfig,
  "method" | "path" | "scope" | "tags" | "operationId" | "summary"
>;

/** The `{id}` path parameter: `idParams(what)` unless a resource's ids have their own form. */
type IdParams = ReturnType<typeof idParams>;

/** Who reads (every GET) and who writes (every other method) a resource. */
export type ResourceScopes = { read: RouteScope; write: RouteScope };

/** API-key resources: `read` keys read, `full` keys write. */
export const KEY_SCOPES: ResourceScopes = { read: "read", write: "full" };
/** Admin resources: the admin token for everything. */
export const ADMIN_SCOPES: ResourceScopes = { read: "admin", write: "admin" };

/**
 * The declaration helpers of a resource tagged `tag` whose `{id}` names a `what`
 * (or is checked by the `{id}` schema given):
 * `route(method, path, operationId, summary, own)` for any route, `list` for `GET /` (a page,
 * filtered by a query), `get` for `GET /{id}` (one item), `create` for `POST /` (a JSON body,
 * answered 201), `update` for `PATCH /{id}` (a JSON body, answered 200), `createUnder` for a
 * `POST /{id}/<things>` and `onItem` for a route on one item that takes no body.
 */
export function resourceRoutes(tag: string, what: string | IdParams, scopes: ResourceScopes) {
  const tags = [tag];
  const params = typeof what === "string" ? idParams(what) : what;
  const route = <const M extends Method, const P extends string, const O extends OwnParts>(
    method: M,
    path: P,
    operationId: string,
    summary: string,
    own: O,
  ) => {
    const scope = method === "get" ? scopes.read : scopes.write;
    return apiRoute({ method, path, scope, operationId, tags, summary, ...own });
  };
  /** A GET of `path` that answers 200 with `schema`. */
  const read = <const P extends string, const Q extends Request, const S extends z.ZodType>(
    [path, request]: [P, Q],
    operationId: string,
    summary: string,
    [schema, description]: [S, string],
  ) =>
    route("get", path, operationId, summary, {
      request,
      responses: { 200: jsonResponse(schema, description) },
    });
  const list = <const Q extends Query, const S extends z.ZodType>(
    operationId: string,
    summary: string,
    query: Q,
    page: S,
    description: string,
  ) => read(["/", { query }], operationId, summary, [page, description]);
  const get = <const S extends z.ZodType>(
    operationId: string,
    summary: string,
    schema: S,
    description: string,
  ) => read(["/{id}", { params }], operationId, summary, [schema, description]);
  const create = <const B extends z.ZodType, const R extends Answer>(
    operationId: string,
    summary: string,
    body: B,
    bodyMax: number,
    created: R,
    extra: Extra = {},
  ) =>
    route("post", "/", operationId, summary, {
      request: { body: jsonBody(body) },
      bodyMax,
      responses: { 201: created },
      ...extra,
    });
  const update = <const B extends z.ZodType, const R extends Answer>(
    operationId: string,
    summary: string,
    body: B,
    bodyMax: number,
    updated: R,
  ) =>
    route("patch", "/{id}", operationId, summary, {
      request: { params, body: jsonBody(body) },
      bodyMax,
      responses: { 200: updated },
    });
  /** A `POST` of something under one item (`/{id}/keys`): a JSON body, answered 201. */
  const createUnder = <const P extends string, const B extends z.ZodType, const R extends Answer>(
    path: P,
    operationId: string,
    summary: string,
    [body, bodyMax]: [B, number],
    created: R,
    extra: Extra = {},
  ) =>
    route("post", path, operationId, summary, {
      request: { params, body: jsonBody(body) },
      bodyMax,
      responses: { 201: created },
      ...extra,
    });
  /** A route on one item with no body (`GET /{id}/keys`, `POST /{id}/retry`): one success. */
  const onItem = <
    const M extends Method,
    const P extends string,
    const C extends 200 | 202,
    const R extends Answer,
  >(
    method: M,
    path: P,
    operationId: string,
    summary: string,
    [status, answer]: [C, R],
    extra: Extra = {},
  ) =>
    route(method, path, operationId, summary, {
      request: { params },
      responses: { [status]: answer } as Record<C, R>,
      ...extra,
    });
  return { params, route, list, get, create, update, createUnder, onItem };
}

/** A site's admin routes and what hangs under it (`/{id}/keys`, `/{id}/connections`). */
export const SITE_ROUTES = resourceRoutes("admin", "site", ADMIN_SCOPES);
