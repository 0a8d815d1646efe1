/**
 * One error type and one JSON shape for every route: `{"error": {"code", "message"}}`.
 * Codes are a closed set; a 500 never echoes internals.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const ERROR_CODES = [
  "bad_request",
  "invalid_json",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "rate_limited",
  /** 503: a credential cannot be stored until CHATREF_SECRET_KEY is set (forward/secrets.ts). */
  "secret_key_missing",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body every error response carries. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** Thrown anywhere in a handler; `onError` turns it into the JSON response. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  429: "rate_limited",
};

/** Hono's `onError`: ApiError and HTTPException keep their status; anything else is a logged 500. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError)
    return c.json<ErrorBody>({ error: { code: err.code, message: err.message } }, err.status);
  if (err instanceof HTTPException) {
    const code = HTTP_CODES[err.status] ?? "bad_request";
    return c.json<ErrorBody>({ error: { code, message: err.message || code } }, err.status);
  }
  console.error("unhandled error", err);
  return c.json<ErrorBody>({ error: { code: "internal", message: "Internal error" } }, 500);
}

/** Hono's `notFound`. */
export function notFound(c: Context): Response {
  return c.json<ErrorBody>(
    { error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}` } },
    404,
  );
}
