/**
 * Erasure of a stored Messenger or Instagram webhook body (consent/erase.ts): every
 * `entry[].messaging[]` item naming one of the person's ids goes, the rest of the delivery stays.
 * Page-scoped and Instagram-scoped ids are JSON strings in these bodies.
 */

/** Whether a JSON value names one of `quoted` (ids as JSON strings) anywhere inside. */
function names(value: unknown, quoted: string[]): boolean {
  const text = JSON.stringify(value) ?? "";
  return quoted.some((q) => text.includes(q));
}

interface Envelope {
  object?: unknown;
  entry?: { messaging?: unknown[] }[];
}

/**
 * The body without the person's items; null when it names none of `ids`. A body that is not an
 * envelope but names them is replaced by an empty one; an entry still naming them after its items
 * went (an unknown field) goes whole.
 */
export function redactMetaMessaging(body: string, ids: string[]): string | null {
  const quoted = ids.filter(Boolean).map((id) => JSON.stringify(id));
  if (!quoted.some((q) => body.includes(q))) return null;
  let envelope: Envelope;
  try {
    envelope = JSON.parse(body);
  } catch {
    return JSON.stringify({ entry: [] });
  }
  if (!envelope || !Array.isArray(envelope.entry))
    return JSON.stringify({ object: envelope?.object, entry: [] });
  for (const entry of envelope.entry)
    if (Array.isArray(entry?.messaging))
      entry.messaging = entry.messaging.filter((item) => !names(item, quoted));
  envelope.entry = envelope.entry.filter((entry) => !names(entry, quoted));
  return JSON.stringify(envelope);
}
