/** A site by id for the admin routes, or a 404. */
import { eq } from "drizzle-orm";
import { dbFor } from "../db/prepared";
import { sites } from "../db/schema";
import { ApiError } from "../http/errors";

export async function findSite(d1: D1Database, id: string) {
  const site = await dbFor(d1).select().from(sites).where(eq(sites.id, id)).get();
  if (!site) throw new ApiError(404, "not_found", `No site ${id.slice(0, 64)}`);
  return site;
}
