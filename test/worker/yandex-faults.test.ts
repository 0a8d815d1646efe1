/**
 * Yandex Metrica faults (worker/forward/yandex-upload.ts): an upload endpoint that refuses
 * connections, answers 503 and hangs, then recovers — the rows are retried by the next cron runs,
 * every attempt uploads the same lines, and each lead is accepted exactly once; a 400 is final,
 * every row of the upload dead with Metrica's message and never the token; backfill writes leads
 * past the 21-day window skipped and leaves the rest to the cron; a contact erased during a run's
 * status requests is not uploaded.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { YANDEX_TOO_OLD } from "../../worker/forward/yandex-csv";
import { YANDEX_POLL_EVERY_MS } from "../../worker/forward/yandex-poll";
import { expectBackfillWindow, expectFaultRecovery, leadsAged } from "./destination-test-kit";
import { DAY } from "./forward-backfill-helpers";
import { captureConsole } from "./forward-faults-helpers";
import { closedPort, makeDue, newSink, received, setPlan, sinkUrl } from "./forward-helpers";
import { createSite } from "./helpers";
import { erasePhone, holdFetch } from "./hold-fetch";
import * as ym from "./yandex-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("yandex_metrica: failures and recovery", () => {
  it("refused, 503, no answer, then accepted once; every attempt the same lines", async () => {
    const logs = captureConsole();
    const port = await closedPort();
    const sink = newSink("ym-fault");
    // The destination sends to the switchable port (refusing until opened).
    const moved = await ym.siteWithYandex({
      endpoint: `${sinkUrl(sink, `http://127.0.0.1:${port}`)}/management/v1`,
    });
    const ids = [
      ...(await ym.yandexLead(moved.site, { yclid: "111" })).ids,
      ...(await ym.yandexLead(moved.site, { yclid: "222" })).ids,
    ];
    expect(ids).toHaveLength(2);
    // Uploaded rows wait for their status ("pending"): a later run uploads nothing again.
    const ups = await expectFaultRecovery({
      sink,
      port,
      ids,
      attempt: async () => {
        await ym.runYandex();
        return undefined;
      },
      states: () => Promise.all(ids.map(ym.outboxOf)),
      unavailable: {
        body: '{"code":503,"message":"Service unavailable"}',
        lastError: /^HTTP 503: .*Service unavailable/,
      },
      accept: { mode: "status", status: 200, body: ym.uploadAnswer(9001) },
      accepted: { status: "pending" },
      requestsOf: ym.uploadsOf,
      payloadOf: ym.csvOf,
    });
    await ym.runYandex();
    expect(ym.uploadsOf(await received(sink))).toHaveLength(3);
    const csvs = ups.map((q) => ym.csvOf(q));
    const lines = (csvs[0] ?? "").trimEnd().split("\n").slice(1);
    expect(lines.map((l) => l.split(",")[3]).sort()).toEqual(["111", "222"]);
    for (const line of logs) expect(line).not.toContain(ym.TOKEN);
  });

  it("a 400 rejects the upload: every row dead at once with Metrica's message", async () => {
    const logs = captureConsole();
    const { site, sink } = await ym.siteWithYandex();
    const error = JSON.stringify({
      errors: [{ error_type: "invalid_parameter", message: "Wrong CSV header" }],
      code: 400,
      message: "Wrong CSV header",
    });
    await setPlan(sink, [{ mode: "status", status: 400, body: error }]);
    const ids = [
      ...(await ym.yandexLead(site, { yclid: "5" })).ids,
      ...(await ym.yandexLead(site, { yclid: "6" })).ids,
    ];
    await ym.runYandex();
    for (const id of ids) {
      const r = await ym.outboxOf(id);
      expect(r).toMatchObject({ status: "dead", attempts: 1, responseStatus: 400 });
      expect(r?.lastError).toBe(`HTTP 400: ${error}`);
      expect(r?.lastError).not.toContain(ym.TOKEN);
    }
    await makeDue(ids);
    await ym.runYandex();
    expect(ym.uploadsOf(await received(sink))).toHaveLength(1);
    for (const line of logs) expect(line).not.toContain(ym.TOKEN);
  });
});

describe("yandex_metrica: backfill", () => {
  it("writes leads past the 21-day window skipped with that reason; the cron uploads the rest once", async () => {
    const site = await createSite();
    await leadsAged(site, "yclid", [3600, 22 * 24 * 3600]);
    const { dest, sink } = await ym.siteWithYandex({}, site);
    await setPlan(sink, [{ mode: "status", status: 200, body: ym.uploadAnswer(3030) }]);
    await expectBackfillWindow(site, dest.id, DAY, YANDEX_TOO_OLD);
    await ym.runYandex();
    await ym.runYandex();
    const [lines = [], ...more] = await ym.uploadedLines(sink);
    expect(more).toEqual([]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,yclid-backfill-3600$/);
  });
});

describe("yandex_metrica: erasure during a run", () => {
  // The run reads its rows, then asks for the status of earlier uploads (a round trip each)
  // before it uploads the new lines: a contact erased meanwhile is checked again, never sent.
  it("a contact erased while an earlier upload's status is asked is not uploaded", async () => {
    const { site, sink } = await ym.siteWithYandex();
    await setPlan(sink, [{ mode: "status", status: 200, body: ym.uploadAnswer(71) }]);
    await ym.yandexLead(site, { yclid: "71001" });
    await ym.runYandex();
    const { ids, phone } = await ym.yandexLead(site, { yclid: "71002" });
    const status = holdFetch(
      (url) => url.includes(sink) && url.includes("/uploadings/71"),
      () => new Response(ym.statusAnswer(71, "PROCESSED")),
    );
    const run = ym.runYandex(YANDEX_POLL_EVERY_MS + 1000);
    await status.asked;
    await erasePhone(site, phone);
    status.release();
    // Other tests' destinations share this file's D1: only this site's sink and row are its own.
    expect((await run).polled).toBeGreaterThanOrEqual(1);
    expect(ym.uploadsOf(await received(sink))).toHaveLength(1);
    expect(await ym.outboxOf(ids[0] ?? "")).toMatchObject({
      status: "skipped",
      lastError: "contact erased",
      payload: null,
    });
  });
});
