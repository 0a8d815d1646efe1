/**
 * Erasure of a stored Telegram update (consent/erase.ts): an update is one person's, so one that
 * names them loses everything but its `update_id`.
 */

/** Whether a body names `id` as a JSON string, or as a bare JSON number (Telegram's user ids). */
function namesId(body: string, id: string): boolean {
  if (body.includes(JSON.stringify(id))) return true;
  return /^[0-9]+$/.test(id) && new RegExp(`:\\s*${id}\\s*[,}]`).test(body);
}

/**
 * A stored Telegram update (provider `telegram:<bot id>`) without the person: an update is one
 * person's, so when it names any of `ids` only its `update_id` is kept (it then parses as a
 * skipped update). Null when it names none of them.
 */
export function redactTelegramUpdate(body: string, ids: string[]): string | null {
  if (!ids.some((id) => id && namesId(body, id))) return null;
  let updateId: unknown = null;
  try {
    updateId = (JSON.parse(body) as { update_id?: unknown }).update_id;
  } catch {}
  return JSON.stringify({ update_id: Number.isSafeInteger(updateId) ? updateId : 0 });
}
