/**
 * Credentials stored unencrypted (`plain.…`: written before CHATREF_SECRET_KEY was set, or by a
 * local demo) are sealed as soon as a delivery of their destination runs with a usable key. The
 * UPDATE only applies while the column still holds the value read, so a concurrent PATCH that
 * set a new credential is never overwritten.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { destinations } from "../db/schema";
import { openSecret, sealingKey, sealSecret } from "./secrets";

type Destination = Pick<typeof destinations.$inferSelect, "id" | "secret" | "previousSecret">;

const isPlain = (value: string | null): value is string => value?.startsWith("plain.") ?? false;

/** Re-seals the destination's `plain.` credentials under the Worker's key; false when nothing to do. */
export async function resealPlainSecrets(
  db: Db,
  env: { CHATREF_SECRET_KEY?: string },
  destination: Destination,
): Promise<boolean> {
  const key = sealingKey(env);
  if (!key) return false;
  const columns = [
    [destinations.secret, destination.secret],
    [destinations.previousSecret, destination.previousSecret],
  ] as const;
  let done = false;
  for (const [column, value] of columns) {
    if (!isPlain(value)) continue;
    const sealed = await sealSecret(
      await openSecret(value, destination.id, key),
      destination.id,
      key,
    );
    const field = column === destinations.secret ? "secret" : "previousSecret";
    const res = await db
      .update(destinations)
      .set({ [field]: sealed })
      .where(and(eq(destinations.id, destination.id), eq(column, value)))
      .run();
    done ||= res.meta.changes > 0;
  }
  return done;
}
