/**
 * `Authorization: Bearer <admin token>` for site and key administration. The token is the Worker
 * secret CHATREF_ADMIN_TOKEN; without it every admin route answers 403 (administration disabled),
 * so a Worker deployed without the secret exposes nothing.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { secretsEqual } from "../http/secrets-equal";

/** Middleware factory: 403 when no admin token is configured, 401 unless it is presented. */
export function adminAuth() {
  return createMiddleware<AppEnv>(async function adminAuth(c, next) {
    const configured: string | undefined = c.env.CHATREF_ADMIN_TOKEN;
    if (!configured)
      throw new ApiError(
        403,
        "forbidden",
        "Administration is disabled: set the Worker secret CHATREF_ADMIN_TOKEN to enable it",
      );
    const token = /^Bearer\s+(\S{1,512})$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!token) throw new ApiError(401, "unauthorized", "Send Authorization: Bearer <admin token>");
    if (!(await secretsEqual(token, configured)))
      throw new ApiError(401, "unauthorized", "Wrong admin token");
    await next();
  });
}
