/**
 * The answer to a webhook addressed to an account no connection names (a Telegram bot, a
 * 360dialog or Twilio number): a 404, so the provider's own console shows the failure, and a
 * row in the rejection log (db/rejections.ts) for `GET /api/v1/sites/diagnostics`. These routes
 * look the account up before any secret can be checked, so the log entry is gated by the
 * per-client rate limiter: a stream of made-up accounts grows the table no faster than it allows.
 * (Signed deliveries for unknown accounts are logged by process-delivery.ts.)
 */
import type { Context } from "hono";
import { logRejection } from "../db/rejections";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { withinRateLimit } from "../http/rate-limit";

/**
 * Logs the account key (`telegram:<bot id>`, the adapter's own) within the limiter and returns
 * the 404 to throw.
 */
export async function unknownAccount(
  c: Context<AppEnv>,
  account: string,
  message: string,
): Promise<ApiError> {
  if (await withinRateLimit(c.env, "?webhook", undefined, c.req.raw))
    logRejection(c, "unknown_account", null, account);
  return new ApiError(404, "not_found", message);
}
