/**
 * Yandex Metrica offline conversions (worker/forward/yandex-upload.ts, yandex-csv.ts,
 * yandex-poll.ts): the CSV against Yandex's sample (columns, order, quoting, Unix seconds) for
 * CHATS and BASIC; the leads of one counter go in one upload, two counters make two; the queue
 * consumer leaves the rows to the cron; the upload id is kept per row and its status recorded
 * truthfully; leads past 21 days, chat apps CHATS does not take and erased contacts are never
 * uploaded.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contacts, leads, outbox } from "../../worker/db/schema";
import { yandexCsv } from "../../worker/forward/yandex-csv";
import { YANDEX_POLL_EVERY_MS } from "../../worker/forward/yandex-poll";
import sample from "../fixtures/yandex-offline-conversions-basic.csv?raw";
import { captureQueue, received, runCron, runQueue, setPlan } from "./forward-helpers";
import { createSite, db } from "./helpers";
import {
  csvOf,
  markErased,
  outboxOf,
  runYandex,
  siteWithYandex,
  statusAnswer,
  TOKEN,
  uploadAnswer,
  uploadsOf,
  yandexLead,
} from "./yandex-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const POLL = YANDEX_POLL_EVERY_MS + 1000;

describe("yandex_metrica: the CSV", () => {
  it("BASIC follows Yandex's sample: column order, Unix seconds, dot decimals, no quoting, \\n", () => {
    const [header = "", ...lines] = sample.trimEnd().split("\n");
    const cells = lines.map((l) => {
      const [, Target = "", DateTime = "", Price = "", Currency = ""] = l.split(",");
      return { Yclid: "6029847284567891234", Target, DateTime, Price, Currency };
    });
    const csv = yandexCsv("BASIC", cells);
    // The sample's identification column is ClientId; chatref's is Yclid, in the same place.
    expect(csv.split("\n")[0]).toBe(header.replace("ClientId", "Yclid"));
    expect(csv).toBe(
      `${[header.replace("ClientId", "Yclid"), ...lines.map((l) => l.replace(/^\d+/, "6029847284567891234"))].join("\n")}\n`,
    );
    // A cell holding a comma or a quote is quoted, RFC 4180 style.
    expect(yandexCsv("BASIC", [{ Target: 'a,"b"', DateTime: "1" }])).toBe(
      'Target,DateTime\n"a,""b""",1\n',
    );
  });

  it("CHATS and BASIC uploads as Metrica gets them: type, OAuth header, multipart field file", async () => {
    for (const type of ["CHATS", "BASIC"] as const) {
      const { site, sink } = await siteWithYandex(
        type === "BASIC"
          ? { upload_type: "BASIC", goal: "chat_lead", value: 12.5, currency: "RUB" }
          : {},
      );
      await setPlan(sink, [{ mode: "status", status: 200, body: uploadAnswer(501) }]);
      const { ids } = await yandexLead(site, { yclid: "7364819203847561" });
      const [id = ""] = ids;
      await runYandex();
      const [req] = uploadsOf(await received(sink));
      expect(req?.path).toBe("/management/v1/counter/44147844/offline_conversions/upload");
      expect(req?.query).toEqual({ type });
      expect(req?.headers.authorization).toBe(`OAuth ${TOKEN}`);
      expect(req?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      const row = await outboxOf(id);
      const lead = await db()
        .select()
        .from(leads)
        .where(eq(leads.id, row?.leadId ?? ""))
        .get();
      const at = Math.floor((lead?.firstMessageAt ?? 0) / 1000);
      expect(String(at)).toMatch(/^\d{10}$/);
      const contact = await db()
        .select({ publicId: contacts.publicId })
        .from(contacts)
        .where(eq(contacts.id, lead?.contactId ?? -1))
        .get();
      expect(csvOf(req as NonNullable<typeof req>)).toBe(
        type === "CHATS"
          ? `DateTime,ChatPlatform,ChatUserID,Yclid\n${at},whatsapp,${contact?.publicId},7364819203847561\n`
          : `Yclid,Target,DateTime,Price,Currency\n7364819203847561,chat_lead,${at},12.50,RUB\n`,
      );
      expect(row).toMatchObject({ status: "pending", attempts: 1, responseStatus: 200 });
      expect(JSON.parse(row?.payload ?? "{}")).toMatchObject({ type, uploading: "501" });
    }
  });
});

describe("yandex_metrica: batched per counter by the cron", () => {
  it("the queue consumer sends nothing; many leads of one counter make one upload, two counters two", async () => {
    const site = await createSite();
    const a = await siteWithYandex({}, site);
    const b = await siteWithYandex({ counter_id: "5550001" }, site);
    await setPlan(a.sink, [{ mode: "status", status: 200, body: uploadAnswer(11) }]);
    await setPlan(b.sink, [{ mode: "status", status: 200, body: uploadAnswer(22) }]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(...(await yandexLead(site, { yclid: `90000${i}` })).ids);
    expect(ids).toHaveLength(10);
    // The queue message of each row only frees its claim.
    await runQueue(ids);
    expect(await received(a.sink)).toEqual([]);
    for (const id of ids) expect((await outboxOf(id))?.status).toBe("pending");

    await runYandex();
    const [upA, upB] = [uploadsOf(await received(a.sink)), uploadsOf(await received(b.sink))];
    expect(upA).toHaveLength(1);
    expect(upB).toHaveLength(1);
    expect(upB[0]?.path).toBe("/management/v1/counter/5550001/offline_conversions/upload");
    for (const up of [upA[0], upB[0]]) {
      const csv = csvOf(up as NonNullable<typeof up>)
        .trimEnd()
        .split("\n");
      expect(csv).toHaveLength(6);
      expect(
        csv
          .slice(1)
          .map((l) => l.split(",")[3])
          .sort(),
      ).toEqual(["900000", "900001", "900002", "900003", "900004"]);
    }
    // Nothing more until the status is due; then one status request per upload.
    await runYandex();
    expect(uploadsOf(await received(a.sink))).toHaveLength(1);
    await setPlan(a.sink, [
      { mode: "status", status: 200, body: statusAnswer(11, "PROCESSED", 5, 5) },
    ]);
    await setPlan(b.sink, [
      { mode: "status", status: 200, body: statusAnswer(22, "LINKAGE_FAILURE", 5, 0) },
    ]);
    await runYandex(POLL);
    const polls = (await received(a.sink)).filter((r) => r.method === "GET");
    expect(polls.map((r) => r.path)).toEqual([
      "/management/v1/counter/44147844/offline_conversions/uploadings/11",
    ]);
    expect(polls[0]?.headers.authorization).toBe(`OAuth ${TOKEN}`);
    const rows = await Promise.all(ids.map(outboxOf));
    const byDest = (d: string) => rows.filter((r) => r?.destinationId === d);
    for (const r of byDest(a.dest.id)) expect(r).toMatchObject({ status: "sent", lastError: null });
    for (const r of byDest(b.dest.id))
      expect(r).toMatchObject({
        status: "dead",
        lastError:
          "Metrica upload 22: LINKAGE_FAILURE, none of its lines could be linked to a visit",
      });
    // Final rows are never uploaded again.
    await runYandex(2 * POLL);
    expect(await received(a.sink)).toHaveLength(2);
  });

  it("the Worker's cron uploads them; its sweep leaves a row awaiting its status alone", async () => {
    const { site, sink } = await siteWithYandex();
    await setPlan(sink, [{ mode: "status", status: 200, body: uploadAnswer(55) }]);
    const { ids } = await yandexLead(site, { yclid: "55" });
    const [id = ""] = ids;
    const queue = captureQueue();
    await runCron();
    expect(uploadsOf(await received(sink))).toHaveLength(1);
    expect(JSON.parse((await outboxOf(id))?.payload ?? "{}")).toMatchObject({ uploading: "55" });
    // Overdue for the sweep, but held until its status is due: neither re-enqueued nor re-sent.
    await db()
      .update(outbox)
      .set({ nextAttemptAt: Date.now() - 10 * 60_000 })
      .where(eq(outbox.id, id))
      .run();
    queue.drain();
    await runCron();
    expect(queue.drain()).not.toContain(id);
    expect(await received(sink)).toHaveLength(1);
    expect((await outboxOf(id))?.status).toBe("pending");
  });

  it("a partly linked upload is sent with the counts; one still processing is asked again", async () => {
    const { site, sink } = await siteWithYandex();
    await setPlan(sink, [{ mode: "status", status: 200, body: uploadAnswer(33) }]);
    const { ids } = await yandexLead(site, { yclid: "123" });
    const [id = ""] = ids;
    await runYandex();
    await setPlan(sink, [
      { mode: "status", status: 200, body: statusAnswer(33, "UPLOADED", 0, 0) },
    ]);
    await runYandex(POLL);
    expect(await outboxOf(id)).toMatchObject({
      status: "pending",
      lastError: "uploaded to Metrica (upload 33, UPLOADED); waiting for Metrica to process it",
    });
    await setPlan(sink, [
      { mode: "status", status: 200, body: statusAnswer(33, "PROCESSED", 4, 3) },
    ]);
    await runYandex(3 * POLL);
    expect(await outboxOf(id)).toMatchObject({
      status: "sent",
      attempts: 1,
      lastError:
        "Metrica upload 33 processed: 3 of 4 lines linked to visits (Metrica does not say which)",
    });
    expect(uploadsOf(await received(sink))).toHaveLength(1);
  });
});

describe("yandex_metrica: leads never uploaded", () => {
  it("older than 21 days, a chat app CHATS does not list, BASIC without a yclid, an erased contact", async () => {
    const { site, sink } = await siteWithYandex();
    const basic = await siteWithYandex({ upload_type: "BASIC", goal: "lead" });
    const [old, messenger, erased] = [
      await yandexLead(site, { yclid: "1" }),
      await yandexLead(site, { yclid: "2" }),
      await yandexLead(site, { yclid: "3" }),
    ];
    const noYclid = await yandexLead(basic.site);
    const leadOf = async (id: string) => (await outboxOf(id))?.leadId ?? "";
    await db()
      .update(leads)
      .set({ firstMessageAt: Date.now() - 22 * 24 * 3600_000 })
      .where(eq(leads.id, await leadOf(old.ids[0] ?? "")))
      .run();
    await db()
      .update(leads)
      .set({ chatApp: "messenger" })
      .where(eq(leads.id, await leadOf(messenger.ids[0] ?? "")))
      .run();
    await markErased(await leadOf(erased.ids[0] ?? ""));
    await runYandex();
    expect(await received(sink)).toEqual([]);
    expect(await received(basic.sink)).toEqual([]);
    const reason = async (id = "") => {
      const r = await outboxOf(id);
      return [r?.status, r?.lastError, r?.payload ?? null];
    };
    expect(await reason(old.ids[0])).toEqual([
      "skipped",
      "the lead is older than 21 days, the longest Yandex Metrica links an offline conversion to a visit",
      null,
    ]);
    expect(await reason(messenger.ids[0])).toEqual([
      "skipped",
      "Metrica's CHATS upload takes whatsapp, telegram and viber chats only; use upload_type BASIC with a goal for this chat app",
      null,
    ]);
    expect(await reason(erased.ids[0])).toEqual(["skipped", "contact erased", null]);
    expect(await reason(noYclid.ids[0])).toEqual([
      "skipped",
      "no Metrica id: the lead's visit carried no yclid and no _ym_uid (ClientId), nothing to attribute a BASIC conversion to",
      null,
    ]);
  });

  it("a contact erased after the upload: its status is never recorded over the erasure", async () => {
    const { site, sink } = await siteWithYandex();
    await setPlan(sink, [{ mode: "status", status: 200, body: uploadAnswer(44) }]);
    const { ids } = await yandexLead(site, { yclid: "4" });
    await runYandex();
    await markErased((await outboxOf(ids[0] ?? ""))?.leadId ?? "");
    await runYandex(POLL);
    // No status request for it: the row is skipped with the erasure's reason, its line dropped.
    expect((await received(sink)).filter((r) => r.method === "GET")).toEqual([]);
    expect(await outboxOf(ids[0] ?? "")).toMatchObject({
      status: "skipped",
      lastError: "contact erased",
      payload: null,
    });
  });
});
