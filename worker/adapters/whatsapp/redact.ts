/**
 * Removes one person's items from a stored webhook body, for erasure: every item (a contact
 * entry, message, status, preference or identity change) that names any of the person's
 * identifiers goes, the rest of the delivery stays as it was. An unprocessed delivery then
 * processes without them, so erasure cannot be undone by a delivery still waiting its turn.
 */

const ITEM_LISTS = ["contacts", "messages", "statuses", "user_preferences", "user_id_update"];

/** Whether a JSON value names one of `quoted` (identifiers as JSON strings) anywhere inside. */
function names(value: unknown, quoted: string[]): boolean {
  const text = JSON.stringify(value);
  return quoted.some((q) => text.includes(q));
}

/**
 * The body without the items naming `ids`; null when it names none of them (nothing to change).
 * A body that is not a webhook envelope but names them is replaced by an empty envelope.
 */
export function redactDeliveryBody(body: string, ids: string[]): string | null {
  const quoted = ids.filter(Boolean).map((id) => JSON.stringify(id));
  if (!quoted.length || !quoted.some((q) => body.includes(q))) return null;
  let envelope: { entry?: { changes?: { value?: Record<string, unknown> }[] }[] };
  try {
    envelope = JSON.parse(body);
  } catch {
    return JSON.stringify({ entry: [] });
  }
  if (!Array.isArray(envelope?.entry)) return JSON.stringify({ entry: [] });
  for (const entry of envelope.entry) {
    for (const change of entry?.changes ?? []) {
      const value = change?.value;
      if (!value || typeof value !== "object") continue;
      for (const list of ITEM_LISTS) {
        const items = value[list];
        if (Array.isArray(items)) value[list] = items.filter((item) => !names(item, quoted));
      }
    }
  }
  const redacted = JSON.stringify(envelope);
  // Anything left that still names them (an unknown field) goes with its whole change.
  if (!quoted.some((q) => redacted.includes(q))) return redacted;
  for (const entry of envelope.entry)
    if (Array.isArray(entry?.changes))
      entry.changes = entry.changes.filter((c) => !names(c, quoted));
  return JSON.stringify(envelope);
}
