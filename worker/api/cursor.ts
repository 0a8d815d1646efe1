/** Opaque keyset cursors: base64url of `[createdAt, id]` of the last row of a page. */
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { ApiError } from "../http/errors";

export interface CursorPosition {
  createdAt: number;
  id: string;
}

export function encodeCursor(pos: CursorPosition): string {
  return btoa(JSON.stringify([pos.createdAt, pos.id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Throws a 400 for anything that is not a cursor this API issued. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    if (
      Array.isArray(value) &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === "string" &&
      value[1].length <= 64
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new ApiError(
    400,
    "bad_request",
    "cursor is not valid; pass next_cursor from a previous page",
  );
}

/** Position of an incremental-sync cursor: the last row's `updated_at` and id. */
export interface SyncPosition {
  updatedAt: number;
  id: string;
}

/** A sync cursor (`["u", updatedAt, id]`), distinct from a page cursor. */
export function encodeSyncCursor(pos: SyncPosition): string {
  return btoa(JSON.stringify(["u", pos.updatedAt, pos.id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The position of a sync cursor, or null when `cursor` is a page cursor or not a cursor at all. */
export function decodeSyncCursor(cursor: string): SyncPosition | null {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    if (
      Array.isArray(value) &&
      value[0] === "u" &&
      Number.isSafeInteger(value[1]) &&
      typeof value[2] === "string" &&
      value[2].length <= 64
    ) {
      return { updatedAt: value[1], id: value[2] };
    }
  } catch {
    // not a sync cursor
  }
  return null;
}

/** The (created_at, id) columns of a table listed newest first. */
export interface NewestFirst {
  createdAt: SQLiteColumn;
  id: SQLiteColumn;
}

/** Ordering of a newest-first list: created_at, then id, both descending. */
export function newestFirst(cols: NewestFirst): SQL[] {
  return [desc(cols.createdAt), desc(cols.id)];
}

/** Rows strictly after a page cursor in newest-first order; undefined without a cursor. */
export function afterCursor(cols: NewestFirst, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const after = decodeCursor(cursor);
  return or(
    lt(cols.createdAt, after.createdAt),
    and(eq(cols.createdAt, after.createdAt), lt(cols.id, after.id)),
  );
}

/**
 * Cuts the `limit + 1` rows a list read into its page and `next_cursor` (null on the last page);
 * `position` gives a row's (created_at, id).
 */
export function toPage<R>(
  rows: R[],
  limit: number,
  position: (row: R) => CursorPosition,
): { page: R[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    next_cursor: rows.length > limit && last ? encodeCursor(position(last)) : null,
  };
}

/** A select that can be filtered, ordered and limited: drizzle's select builders. */
interface ListQuery<R> {
  where(where: SQL | undefined): {
    orderBy(...order: SQL[]): { limit(limit: number): { all(): Promise<R[]> } };
  };
}

/**
 * One newest-first page of `query`: the rows matching every `where` after `q.cursor` (read
 * `limit + 1` to know whether another page follows), cut by `toPage`.
 */
export async function newestFirstPage<R>(
  query: ListQuery<R>,
  order: NewestFirst,
  where: (SQL | undefined)[],
  q: { cursor?: string | undefined; limit: number },
  position: (row: R) => CursorPosition,
): Promise<{ page: R[]; next_cursor: string | null }> {
  const rows = await query
    .where(and(...where, afterCursor(order, q.cursor)))
    .orderBy(...newestFirst(order))
    .limit(q.limit + 1)
    .all();
  return toPage(rows, q.limit, position);
}

/** `newestFirstPage` as a list answer: `{ data, next_cursor }`, each row shown by `toJson`. */
export async function newestFirstData<R, J>(
  query: ListQuery<R>,
  order: NewestFirst,
  where: (SQL | undefined)[],
  q: { cursor?: string | undefined; limit: number },
  position: (row: R) => CursorPosition,
  toJson: (row: R) => J,
): Promise<{ data: J[]; next_cursor: string | null }> {
  const { page, next_cursor } = await newestFirstPage(query, order, where, q, position);
  return { data: page.map(toJson), next_cursor };
}
