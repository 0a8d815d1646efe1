/**
 * One row of a site-scoped table by id: every API read of one item is filtered by the key's site,
 * so another site's id answers exactly as an unknown one does (a 404).
 */
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { ApiError } from "../http/errors";

/** A select that can be filtered and read: drizzle's select builders. */
interface SiteQuery<R> {
  where(where: SQL | undefined): {
    get(): Promise<R | undefined>;
    orderBy(...order: SQL[]): { all(): Promise<R[]> };
  };
}

/** The columns every site-scoped table has. */
interface SiteTable {
  siteId: SQLiteColumn;
  id: SQLiteColumn;
  createdAt: SQLiteColumn;
}

/** The row of `table` with `id` on site `siteId`, read by `query`, or a 404 naming `what`. */
export async function siteRow<R>(
  query: SiteQuery<R>,
  table: Omit<SiteTable, "createdAt">,
  siteId: string,
  id: string,
  what: string,
): Promise<R> {
  const row = await query.where(and(eq(table.siteId, siteId), eq(table.id, id))).get();
  if (!row) throw new ApiError(404, "not_found", `No ${what} ${id.slice(0, 64)}`);
  return row;
}

/**
 * Every row of `table` on site `siteId`, read by `query`, oldest first: the short admin lists
 * of a site (its API keys, its chat-app connections).
 */
export function siteRows<R>(query: SiteQuery<R>, table: SiteTable, siteId: string): Promise<R[]> {
  return query.where(eq(table.siteId, siteId)).orderBy(asc(table.createdAt), asc(table.id)).all();
}
