/**
 * Meta's webhook verification handshake (protocols.md §1.7), the same for the WhatsApp, Messenger
 * and Instagram webhooks: `GET <callback>?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
 * is answered with the challenge when the token is `WHATSAPP_VERIFY_TOKEN` (one Meta app, one
 * token), else 403.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { secretsEqual } from "../http/secrets-equal";

/** The GET handler of a Meta webhook route. */
export async function metaHandshake(c: Context<AppEnv>): Promise<Response> {
  const mode = c.req.query("hub.mode");
  const token = c.req.query("hub.verify_token");
  const challenge = c.req.query("hub.challenge") ?? "";
  const configured = c.env.WHATSAPP_VERIFY_TOKEN;
  // Compared in constant time: the token is a secret an attacker could otherwise guess
  // character by character from response times.
  if (
    mode !== "subscribe" ||
    !configured ||
    token === undefined ||
    !(await secretsEqual(token.slice(0, 512), configured))
  ) {
    throw new ApiError(403, "forbidden", "Verify token does not match");
  }
  return c.text(challenge.slice(0, 256));
}
