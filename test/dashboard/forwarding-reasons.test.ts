/**
 * The reasons beside each destination's counts on the real product: what the panel shows (per
 * status, each reason's code, count and sentence) equals the delivery summary API's reasons, in
 * English and in Russian; the story's refused webhook, 500 webhook and 400 Meta show "no answer",
 * "server error" and "rejected", the demo GA4 skips the ad lead for want of a _ga cookie.
 * The story: forwarding-story.ts.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { REASON_STATUSES, reasonText } from "../../dashboard/delivery-reasons";
import type { ForwardingStrings } from "../../dashboard/i18n";
import {
  api,
  card,
  dialogs,
  errors,
  ids,
  openDashboard,
  SHOTS,
  violations,
} from "./forwarding-story";
import { FORWARDING_STRINGS, LANGS } from "./strings";

interface Reason {
  code: string;
  count: number;
}
type Reasons = Record<(typeof REASON_STATUSES)[number], Reason[]>;
type Shown = Record<string, { code: string; count: number; text: string }[]>;

/** The API's reasons per destination (every delivery here is from today: inside the period). */
async function apiReasons(): Promise<Record<string, Reasons>> {
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const res = await api<{ destinations: { destination_id: string; reasons: Reasons }[] }>(
    `/api/v1/deliveries/summary?from=${encodeURIComponent(from)}`,
  );
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.destinations.map((d) => [d.destination_id, d.reasons]));
}

/** What a card shows, per status line: each reason's code, count and text (through its shadow root). */
async function shownReasons(page: Page, id: string): Promise<Shown> {
  const out: Shown = {};
  for (const li of await card(page, id).locator("li[data-reasons]").all()) {
    const items = await li.locator("[data-reason]").all();
    out[(await li.getAttribute("data-reasons")) ?? ""] = await Promise.all(
      items.map(async (r) => ({
        code: (await r.getAttribute("data-reason")) ?? "",
        count: Number(await r.getAttribute("data-n")),
        text: (await r.textContent()) ?? "",
      })),
    );
  }
  return out;
}

/** The lines the panel should show for `reasons`, in `t`'s language (numbers in Latin digits). */
function expected(reasons: Reasons, t: ForwardingStrings): Shown {
  const out: Shown = {};
  for (const s of REASON_STATUSES)
    if (reasons[s].length)
      out[s] = reasons[s].map((r) => ({ ...r, text: `${r.count} ${reasonText(t, s, r.code)}` }));
  return out;
}

async function expectSameAsApi(page: Page, t: ForwardingStrings): Promise<Record<string, Shown>> {
  const shown: Record<string, Shown> = {};
  await expect
    .poll(
      async () => {
        const byApi = await apiReasons();
        const differ: Record<string, { shown?: Shown; api: Shown }> = {};
        for (const [id, r] of Object.entries(byApi)) {
          shown[id] = await shownReasons(page, id);
          const want = expected(r, t);
          if (JSON.stringify(shown[id]) !== JSON.stringify(want))
            differ[id] = { shown: shown[id], api: want };
        }
        return differ;
      },
      { timeout: 15_000 },
    )
    .toEqual({});
  return shown;
}

describe("forwarding panel: skip and error reasons (browser, real product)", () => {
  it("shows each destination's reasons as the API has them, in the page's language", async () => {
    const page = await openDashboard(1280);
    const en = FORWARDING_STRINGS.en;
    const shown = await expectSameAsApi(page, en);
    // The story's failures, each with its own reason, and the demo GA4's skip of the ad lead.
    expect(shown[ids.unreachable]?.retrying?.map((r) => r.code)).toEqual(["no_answer"]);
    expect(shown[ids.flaky]?.retrying?.map((r) => r.code)).toEqual(["server_error"]);
    expect(shown[ids.meta]?.dead?.map((r) => r.code)).toEqual(["rejected"]);
    expect(shown.dst_demo_ga4?.skipped?.map((r) => r.code)).toContain("no_ga_client_id");
    const metaLine = card(page, ids.meta).locator("li[data-reasons=dead]");
    // What a person reads: the template's line breaks are whitespace, as the page renders them.
    const metaText = ((await metaLine.textContent()) ?? "").replace(/\s+/g, " ");
    expect(metaText).toContain(`${en.stDead} 1 — 1 ${en.err_rejected}`);
    await card(page, "dst_demo_ga4").screenshot({ path: `${SHOTS}/forwarding-reasons-en.png` });

    await page.getByLabel(LANGS.en.language).selectOption("ru");
    const ru = FORWARDING_STRINGS.ru;
    await expect.poll(() => page.locator("forwarding-panel h2").textContent()).toBe(ru.heading);
    await expectSameAsApi(page, ru);
    expect(await metaLine.textContent()).toContain(`1 ${ru.err_rejected}`);
    await card(page, "dst_demo_ga4").screenshot({ path: `${SHOTS}/forwarding-reasons-ru.png` });
    expect(await violations(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
