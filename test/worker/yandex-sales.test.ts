/**
 * Sale events to Yandex Metrica (issue 14; worker/forward/yandex-csv.ts, yandex-upload.ts): a
 * destination taking `lead.qualified` and `lead.purchase` uploads each once, as a BASIC line of
 * its own goal (`event_goals`, else chatref_qualified / chatref_purchase) with the sale's time and,
 * for a purchase, its `Price` and `Currency` — beside the CHATS upload of the lead itself. A
 * refund or lost deal is never uploaded; nor is a sale of a lead with no Metrica id, past the
 * 21-day window, of an erased contact or without ad_user_data consent.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { destinations } from "../../worker/db/schema";
import {
  YANDEX_NO_ID,
  YANDEX_NO_SUCH_EVENT,
  YANDEX_SALE_TOO_OLD,
} from "../../worker/forward/yandex-csv";
import { AD_USER_DATA_DENIED } from "../../worker/read-model/ad-consent";
import { ageClick } from "./destination-test-kit";
import { outboxRows } from "./forward-backfill-helpers";
import { apiSend, received, setPlan } from "./forward-helpers";
import { apiOk, db, type TestSite } from "./helpers";
import { send } from "./lead-events-helpers";
import * as ym from "./yandex-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const SALES = { events: ["lead.created", "lead.qualified", "lead.purchase"] };
const HOUR = 3600_000;
const unix = (ms: number) => Math.floor(ms / 1000);

/** The id of the site's only lead. */
async function leadId(site: TestSite) {
  const page = await apiOk<{ data: { id: string }[] }>(site, "/api/v1/leads");
  return page.data[0]?.id ?? "";
}

/** Posts a sale event of the lead; expects it recorded (201) or already known (200). */
async function sale(site: TestSite, lead: string, body: Record<string, unknown>, status = 201) {
  const res = await send(site, `/api/v1/leads/${lead}/events`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body.event;
}

describe("yandex_metrica: sale events", () => {
  it("qualified and purchase: one BASIC line each, own goal, time, price; once", async () => {
    const { site, dest, sink } = await ym.siteWithYandex({
      ...SALES,
      event_goals: { purchase: "order_paid" },
    });
    await setPlan(sink, [
      { mode: "status", status: 200, body: ym.uploadAnswer(71) },
      { mode: "status", status: 200, body: ym.uploadAnswer(72, "UPLOADED") },
    ]);
    await ym.yandexLead(site, { yclid: "6029847284567891234" });
    await ym.runYandex();
    const lead = await leadId(site);
    const [qAt, pAt] = [Date.now() - 3 * HOUR, Date.now() - HOUR];
    await sale(site, lead, { type: "qualified", occurred_at: new Date(qAt).toISOString() });
    const order = {
      type: "purchase",
      value: 1234.5,
      currency: "RUB",
      external_id: "order-1",
      occurred_at: new Date(pAt).toISOString(),
    };
    await sale(site, lead, order);
    // The same order again, a refund and a lost deal: no row for Metrica.
    await sale(site, lead, order, 200);
    await sale(site, lead, { type: "refund", value: 100, currency: "RUB", external_id: "order-1" });
    await sale(site, lead, { type: "lost" });
    await ym.runYandex();
    await ym.runYandex();

    const ups = ym.uploadsOf(await received(sink));
    expect(ups.map((u) => u.query)).toEqual([{ type: "CHATS" }, { type: "BASIC" }]);
    expect(ym.csvOf(ups[1] as NonNullable<(typeof ups)[1]>)).toBe(
      "Yclid,Target,DateTime,Price,Currency\n" +
        `6029847284567891234,chatref_qualified,${unix(qAt)},,\n` +
        `6029847284567891234,order_paid,${unix(pAt)},1234.50,RUB\n`,
    );
    const rows = await outboxRows(dest.id);
    expect(
      rows.map((r) => [r.event, r.status, JSON.parse(r.payload ?? "{}").uploading]).sort(),
    ).toEqual([
      ["lead.created", "pending", "71"],
      ["lead.purchase", "pending", "72"],
      ["lead.qualified", "pending", "72"],
    ]);
  });

  it("a BASIC destination's sale events share the lead's upload type and keep their own goals", async () => {
    const { site, sink, dest } = await ym.siteWithYandex({
      upload_type: "BASIC",
      goal: "chat_lead",
      event_goals: { purchase: "crm_paid" },
    });
    // Sale events and their goals added later: a PATCH sets both (null goes back to a default).
    const patched = await apiSend(site, "PATCH", `/api/v1/destinations/${dest.id}`, {
      ...SALES,
      event_goals: { qualified: "crm_qualified" },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      events: SALES.events,
      config: { event_goals: { qualified: "crm_qualified" } },
    });
    await setPlan(sink, [{ mode: "status", status: 200, body: ym.uploadAnswer(81) }]);
    await ym.yandexLead(site, { yclid: "99" });
    const lead = await leadId(site);
    const at = Date.now() - HOUR;
    await sale(site, lead, { type: "qualified", occurred_at: new Date(at).toISOString() });
    await sale(site, lead, {
      type: "purchase",
      value: 80,
      currency: "EUR",
      occurred_at: new Date(at).toISOString(),
    });
    await ym.runYandex();
    const [lines = [], ...more] = await ym.uploadedLines(sink);
    expect(more).toEqual([]);
    // Target, Price, Currency of each line (ids and times as in the test above).
    const cells = lines.map((l) => l.split(",")).map(([, t, , p, c]) => [t, p, c].join(" "));
    expect(cells[0]).toBe("Target Price Currency");
    expect(cells.slice(1).sort()).toEqual([
      "chat_lead  ",
      "chatref_purchase 80.00 EUR",
      "crm_qualified  ",
    ]);
  });

  it("never uploaded: no Metrica id, a visit past 21 days, an erased contact, denied consent, a refund", async () => {
    const cases = {
      noId: await ym.siteWithYandex(SALES),
      old: await ym.siteWithYandex(SALES),
      erased: await ym.siteWithYandex(SALES),
      denied: await ym.siteWithYandex({ ...SALES, consent_default: "denied" }),
      refund: await ym.siteWithYandex(SALES),
    };
    await ym.yandexLead(cases.noId.site);
    await ym.yandexLead(cases.old.site, { yclid: "old-1" });
    await ym.yandexLead(cases.erased.site, { yclid: "erased-1" });
    await ym.yandexLead(cases.denied.site, { yclid: "denied-1" });
    await ym.yandexLead(cases.refund.site, { yclid: "refund-1" });
    await ageClick("yclid", "old-1", 22 * 24 * HOUR);
    // A stored events column that lists a refund (written around the API): skipped, not sent.
    await db()
      .update(destinations)
      .set({ events: "lead.created lead.refund" })
      .where(eq(destinations.id, cases.refund.dest.id))
      .run();
    const ids: Record<string, string> = {};
    for (const [name, c] of Object.entries(cases)) {
      ids[name] = await leadId(c.site);
      const body =
        name === "refund"
          ? { type: "refund", value: 5, currency: "RUB", external_id: "o-1" }
          : { type: "purchase", value: 5, currency: "RUB" };
      await sale(c.site, ids[name] ?? "", body);
    }
    await ym.markErased(ids.erased ?? "");
    await ym.runYandex();
    const saleRow = async (name: keyof typeof cases) => {
      const rows = await outboxRows(cases[name].dest.id);
      const row = rows.find((r) => r.event !== "lead.created");
      expect(ym.uploadsOf(await received(cases[name].sink)).map((u) => u.query)).not.toContainEqual(
        { type: "BASIC" },
      );
      return [row?.status, row?.lastError];
    };
    expect(await saleRow("noId")).toEqual(["skipped", YANDEX_NO_ID]);
    expect(await saleRow("old")).toEqual(["skipped", YANDEX_SALE_TOO_OLD]);
    expect(await saleRow("erased")).toEqual(["skipped", "contact erased"]);
    expect(await saleRow("denied")).toEqual(["skipped", AD_USER_DATA_DENIED]);
    expect(await saleRow("refund")).toEqual(["skipped", YANDEX_NO_SUCH_EVENT]);
  });
});
