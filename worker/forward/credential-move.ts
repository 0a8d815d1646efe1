/**
 * A credential stays with its endpoint. Any key of a site can PATCH its destinations, so if
 * changing a GA4/Meta `endpoint` or a webhook `url` kept the stored credential, a key could point
 * the destination at its own host and receive the `api_secret` or `access_token` (or signatures
 * made with the receiver's signing secret). A PATCH that moves a destination must therefore bring
 * the credential again: `api_secret` (GA4), `access_token` (Meta), `"rotate_secret": true` (a
 * webhook's signing secret is generated, never sent in; the pre-rotation secret is dropped).
 */
import type { DestinationKind } from "../db/schema";
import { ApiError } from "../http/errors";
import { SECRET_FIELD } from "./destination-config";
import { GA4_ENDPOINT } from "./ga4";
import { META_GRAPH_BASE } from "./meta-capi";

/** Where a destination with this config sends (its default endpoint when none is set). */
function target(kind: DestinationKind, config: Record<string, unknown>): string {
  const fallback = kind === "ga4" ? GA4_ENDPOINT : kind === "meta_capi" ? META_GRAPH_BASE : "";
  const raw = String((kind === "webhook" ? config.url : config.endpoint) ?? fallback);
  try {
    return new URL(raw).href;
  } catch {
    return raw;
  }
}

/**
 * Throws 400 `validation_failed` when `patch` changes where the destination sends without its
 * credential; returns whether it moves (the caller then forgets a pre-rotation webhook secret).
 */
export function checkCredentialMove(
  kind: DestinationKind,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  patch: Record<string, unknown>,
): boolean {
  if (target(kind, before) === target(kind, after)) return false;
  const field = kind === "webhook" ? "url" : "endpoint";
  if (kind === "webhook") {
    if (patch.rotate_secret !== true)
      throw new ApiError(
        400,
        "validation_failed",
        `${field}: changing where this webhook sends needs "rotate_secret": true in the same request (its signing secret stays with the old URL)`,
      );
  } else if (typeof patch[SECRET_FIELD[kind]] !== "string") {
    throw new ApiError(
      400,
      "validation_failed",
      `${field}: changing where this destination sends needs ${SECRET_FIELD[kind]} again in the same request (the stored one stays with its endpoint)`,
    );
  }
  return true;
}
