/**
 * Erasure wins over a Metrica cron run (worker/forward/yandex-upload.ts): the run reads its rows,
 * then asks for the status of earlier uploads (a round trip each) before it uploads the new
 * lines; a contact erased meanwhile is checked again and its line never leaves.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { YANDEX_POLL_EVERY_MS } from "../../worker/forward/yandex-poll";
import { apiSend, received, setPlan } from "./forward-helpers";
import {
  outboxOf,
  runYandex,
  siteWithYandex,
  statusAnswer,
  uploadAnswer,
  uploadsOf,
  yandexLead,
} from "./yandex-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("yandex_metrica: erasure during a run", () => {
  it("a contact erased while an earlier upload's status is asked is not uploaded", async () => {
    const { site, sink } = await siteWithYandex();
    await setPlan(sink, [{ mode: "status", status: 200, body: uploadAnswer(71) }]);
    await yandexLead(site, { yclid: "71001" });
    await runYandex();
    const { ids, phone } = await yandexLead(site, { yclid: "71002" });
    // The status request answers only once the test has erased the second lead's contact.
    let statusAsked = (): void => {};
    const asked = new Promise<void>((r) => {
      statusAsked = r;
    });
    let answerStatus = (): void => {};
    const erased = new Promise<void>((r) => {
      answerStatus = r;
    });
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes(sink) || !url.includes("/uploadings/71")) return realFetch(input, init);
      statusAsked();
      await erased;
      return new Response(statusAnswer(71, "PROCESSED"));
    });
    const run = runYandex(YANDEX_POLL_EVERY_MS + 1000);
    await asked;
    const found = await apiSend(site, "GET", `/api/v1/contacts?wa_id=${phone}`);
    const [contact] = ((await found.json()) as { data: { id: string }[] }).data;
    const res = await apiSend(site, "DELETE", `/api/v1/contacts/${contact?.id ?? ""}`);
    expect(res.status).toBe(200);
    answerStatus();
    expect(await run).toMatchObject({ uploads: 0, uploaded: 0, polled: 1 });
    expect(uploadsOf(await received(sink))).toHaveLength(1);
    expect(await outboxOf(ids[0] ?? "")).toMatchObject({
      status: "skipped",
      lastError: "contact erased",
      payload: null,
    });
  });
});
