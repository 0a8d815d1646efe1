/** Opaque keyset cursors: base64url of `[createdAt, id]` of the last row of a page. */
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
