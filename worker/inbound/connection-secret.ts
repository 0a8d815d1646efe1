/**
 * A connection's sealed webhook secret or auth token (channel_connections.secret), opened for a
 * webhook route. Fails closed: a connection whose secret is missing or cannot be opened (no or
 * another CHATREF_SECRET_KEY) yields "", and the route accepts nothing for it.
 */
import type { ConnectionSecret } from "../db/connections";
import { openSecret, SecretError, sealingKey } from "../forward/secrets";

/** The opened secret of `connection`, or "" when there is none to compare with. */
export async function openConnectionSecret(
  connection: ConnectionSecret,
  env: { CHATREF_SECRET_KEY?: string },
  label: string,
): Promise<string> {
  if (!connection.secret) return "";
  try {
    return await openSecret(connection.secret, connection.id, sealingKey(env));
  } catch (err) {
    if (!(err instanceof SecretError)) throw err;
    console.error(`${label} connection secret cannot be opened`, connection.id, err.message);
    return "";
  }
}
