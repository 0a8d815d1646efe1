/**
 * Yandex Metrica and Consent Mode: the click's `_ym_uid` is the upload's `ClientId` (checked
 * against Yandex's sample CSV), a BASIC lead with only a ClientId is attributable, and the cron
 * upload honours a denied `ad_user_data` (skipped with the reason, never uploaded).
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { outbox } from "../../worker/db/schema";
import { yandexCsv } from "../../worker/forward/yandex-csv";
import { AD_USER_DATA_DENIED } from "../../worker/read-model/ad-consent";
import sample from "../fixtures/yandex-offline-conversions-basic.csv?raw";
import { addYandex, consentLead, setSiteDefault } from "./consent-mode-helpers";
import { received, setPlan } from "./forward-helpers";
import { createSite, db } from "./helpers";
import { csvOf, runYandex, uploadAnswer, uploadsOf } from "./yandex-helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

const YM_UID = "1732000000123456789";
const row = (id: string) => db().select().from(outbox).where(eq(outbox.id, id)).get();

describe("yandex_metrica: ClientId from _ym_uid", () => {
  it("BASIC with ClientId reproduces Yandex's sample byte for byte", () => {
    const [header = "", ...lines] = sample.trimEnd().split("\n");
    expect(header.startsWith("ClientId,")).toBe(true);
    const cells = lines.map((l) => {
      const [ClientId = "", Target = "", DateTime = "", Price = "", Currency = ""] = l.split(",");
      return { ClientId, Target, DateTime, Price, Currency };
    });
    expect(yandexCsv("BASIC", cells)).toBe(`${sample.trimEnd()}\n`);
  });

  it("CHATS: the click's ym_uid is the line's ClientId, beside its Yclid", async () => {
    const site = await createSite();
    const { sink } = await addYandex(site);
    await setPlan(sink, [{ mode: "status", status: 200, body: uploadAnswer(801) }]);
    const { ids } = await consentLead(site, { yclid: "7364819203847561", ym_uid: YM_UID });
    await runYandex();
    const [req] = uploadsOf(await received(sink));
    expect(req).toBeDefined();
    const [header, line] = csvOf(req as NonNullable<typeof req>).split("\n");
    expect(header).toBe("DateTime,ChatPlatform,ChatUserID,ClientId,Yclid");
    expect(line?.split(",").slice(3)).toEqual([YM_UID, "7364819203847561"]);
    expect((await row(ids[0] ?? ""))?.status).toBe("pending");
  });

  it("BASIC: a lead with a ClientId and no yclid is uploaded; a garbled _ym_uid is not sent", async () => {
    const site = await createSite();
    const { sink } = await addYandex(site, { upload_type: "BASIC", goal: "chat_lead" });
    await setPlan(sink, [{ mode: "status", status: 200, body: uploadAnswer(802) }]);
    const good = await consentLead(site, { ym_uid: YM_UID });
    const garbled = await consentLead(site, { ym_uid: "GA1.2.3,4" });
    await runYandex();
    const [req] = uploadsOf(await received(sink));
    const csv = csvOf(req as NonNullable<typeof req>);
    expect(csv.split("\n")[0]).toBe("ClientId,Target,DateTime");
    expect(csv.split("\n")[1]?.startsWith(`${YM_UID},chat_lead,`)).toBe(true);
    expect(csv).not.toContain("GA1.2.3");
    expect((await row(good.ids[0] ?? ""))?.status).toBe("pending");
    expect((await row(garbled.ids[0] ?? ""))?.lastError).toMatch(/^no Metrica id/);
  });
});

describe("yandex_metrica: a denied ad_user_data is never uploaded", () => {
  it("the visitor denied it, or the site's default does: skipped with the reason, no upload", async () => {
    for (const denial of ["click", "site"] as const) {
      const site = await createSite();
      if (denial === "site") await setSiteDefault(site, "denied");
      const { sink } = await addYandex(site);
      const { ids } = await consentLead(
        site,
        { yclid: "7364819203847561", ym_uid: YM_UID },
        denial === "click" ? { ad_user_data: "denied" } : undefined,
      );
      await runYandex();
      expect(uploadsOf(await received(sink)), denial).toEqual([]);
      const r = await row(ids[0] ?? "");
      expect([r?.status, r?.lastError, r?.payload ?? null], denial).toEqual([
        "skipped",
        AD_USER_DATA_DENIED,
        null,
      ]);
    }
  });
});
