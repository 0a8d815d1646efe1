/**
 * Races with an outbound request ("erased while the token is fetched"): `holdFetch(matches,
 * answer)` spies on fetch, so a request whose URL `matches` resolves `asked` and waits until the
 * test calls `release()`, then gets `answer()`; every other request goes out as usual. The spy is
 * removed once the held request is answered (a test file's afterEach restores it otherwise).
 */
import { expect, vi } from "vitest";
import { apiSend } from "./forward-helpers";
import type { TestSite } from "./helpers";

export function holdFetch(matches: (url: string) => boolean, answer: () => Response) {
  let onAsked = (): void => {};
  const asked = new Promise<void>((r) => {
    onAsked = r;
  });
  let release = (): void => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  const realFetch = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    if (!matches(String(input instanceof Request ? input.url : input)))
      return realFetch(input, init);
    onAsked();
    await released;
    spy.mockRestore();
    return answer();
  });
  return { asked, release };
}

/** Erases the contact of `phone` on `site` through the API (found by `wa_id`). */
export async function erasePhone(site: TestSite, phone: string): Promise<void> {
  const found = await apiSend(site, "GET", `/api/v1/contacts?wa_id=${phone}`);
  const [contact] = ((await found.json()) as { data: { id: string }[] }).data;
  expect((await apiSend(site, "DELETE", `/api/v1/contacts/${contact?.id ?? ""}`)).status).toBe(200);
}
