/** Public ids: a prefix, then a ULID-like body (10 symbols of time, 16 random), sortable by creation. */
import { REF_ALPHABET } from "../../widget/protocol/ref-codec";

export function newId(prefix: string, now = Date.now()): string {
  let time = "";
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = REF_ALPHABET[t % 32] + time;
  const random = crypto.getRandomValues(new Uint8Array(16));
  let tail = "";
  for (const b of random) tail += REF_ALPHABET[b & 31];
  return `${prefix}_${time}${tail}`;
}
