import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { dbFor } from "./prepared";

/**
 * Puts the drizzle client on the context (`c.var.db`), so handlers and guards share one client
 * per D1 binding instead of making their own (dbFor explains the cost). Mounted once, before the
 * routes, in worker/index.ts.
 */
export const dbContext = createMiddleware<AppEnv>(async (c, next) => {
  c.set("db", dbFor(c.env.DB));
  await next();
});
