/**
 * The dashboard's forwarding panel on the real product (`npm start`, with its local forwarding
 * receiver). Destinations are added through the API: a webhook whose URL refuses connections
 * (with a hostile name), a webhook answering 500 with a hostile body, and a Meta destination
 * answering 400 (dead at once) until it is switched to accept. A Click-to-WhatsApp lead then
 * fans out to all of them. Checked: each destination's counts equal the deliveries API's; the
 * remote error text and the hostile name render as text; Retry on a dead row reaches the API and
 * the row shows the new outcome; "Send past leads" dry-runs with the API's counts and its
 * confirmation delivers a lead the destination missed while disabled; 1280 / 390 px; no CSP
 * violation; every language has every string.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { fill } from "../../dashboard/format";
import { HEALTH_STATUSES } from "../../dashboard/forwarding-api";
import { sendWhatsApp, waitForLead } from "../support/local-worker";
import {
  api,
  card,
  deliveries,
  dialogs,
  errors,
  HOSTILE,
  HOSTILE_ERROR,
  ids,
  openDashboard,
  product,
  row,
  SHOTS,
  story,
  t,
  violations,
} from "./forwarding-story";

/** The panel's counts of a destination, by status, once loaded. */
async function panelCounts(page: Page, id: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of HEALTH_STATUSES)
    out[s] = (await card(page, id).locator(`[data-count="${s}"] dd`).textContent()) ?? "";
  return out;
}
/** The API's counts of a destination (every delivery here is from today: inside the period). */
async function apiCounts(id: string): Promise<Record<string, string>> {
  const rows = await deliveries({ destination_id: id });
  return Object.fromEntries(
    HEALTH_STATUSES.map((s) => [s, String(rows.filter((r) => r.status === s).length)]),
  );
}

describe("forwarding panel (browser, real product)", () => {
  it("shows each destination with the API's counts; names and remote errors stay text", async () => {
    const page = await openDashboard(1280);
    const panel = page.locator("forwarding-panel");
    const dests = (
      await api<{ data: { id: string; kind: string; name: string }[] }>("/api/v1/destinations")
    ).body.data;
    // The story's three plus the demo seed's, one per kind (scripts/demo-seed.sql).
    const demo = dests.filter((d) => d.id.startsWith("dst_demo_"));
    expect(demo.map((d) => d.id)).toContain("dst_demo_tiktok");
    expect(dests.length).toBe(demo.length + 3);
    await expect.poll(() => panel.locator("li[data-destination]").count()).toBe(dests.length);
    for (const d of dests) {
      await expect
        .poll(async () => [await panelCounts(page, d.id), await apiCounts(d.id)], {
          timeout: 15_000,
        })
        .toSatisfy(([shown, expected]) => JSON.stringify(shown) === JSON.stringify(expected));
    }
    // Key settings and state.
    expect(await card(page, "dst_demo_ga4").locator("[data-setting]").textContent()).toBe(
      "G-DEMO000000",
    );
    expect(await card(page, ids.meta).locator("[data-setting]").textContent()).toBe("123456789");
    const ads = card(page, "dst_demo_google_ads");
    expect(await ads.locator(".kind").textContent()).toBe(t.kind_google_ads);
    expect(await ads.locator("[data-setting]").textContent()).toBe("1234567890 · 987654321");
    const tiktok = card(page, "dst_demo_tiktok");
    expect(await tiktok.locator(".kind").textContent()).toBe(t.kind_tiktok);
    expect(await tiktok.locator("[data-setting]").textContent()).toBe("CDEMO0000000000TIKTOK");
    expect(await tiktok.locator("[data-event-name]").textContent()).toBe("Contact");
    expect(await card(page, ids.meta).locator("[data-event-name]").textContent()).toBe(
      "Lead / LeadSubmitted",
    );
    expect(await ads.locator("[data-event-name]").count()).toBe(0);
    expect(await card(page, ids.flaky).locator("[data-setting]").textContent()).toBe(
      new URL(story.fakeOrigin).host,
    );
    expect(await card(page, ids.flaky).locator(".kind").textContent()).toBe(t.kind_webhook);
    expect(await card(page, ids.meta).locator(".kind").textContent()).toBe(t.kind_meta_capi);
    expect(await card(page, ids.flaky).locator("[data-state]").textContent()).toBe(t.enabled);
    // Successes: the demo webhook delivered the ad lead to the local receiver.
    expect(
      await card(page, "dst_demo_webhook").locator("[data-last-success]").textContent(),
    ).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(await card(page, ids.flaky).locator("[data-last-success]").textContent()).toBe(t.never);
    // The hostile name and the remote server's hostile body are text, nothing runs.
    expect(await card(page, ids.unreachable).locator("h4").textContent()).toBe(HOSTILE);
    const flakyError = (await deliveries({ destination_id: ids.flaky }))[0]?.last_error;
    expect(flakyError).toBe(`HTTP 500: ${HOSTILE_ERROR}`);
    await expect
      .poll(() => card(page, ids.flaky).locator("[data-last-error]").textContent())
      .toBe(flakyError);
    expect(await card(page, ids.unreachable).locator("[data-last-error]").textContent()).toMatch(
      /^request failed/,
    );
    expect(await panel.locator("img, script").count()).toBe(0);
    // The attention list: the dead and retrying rows of the API, newest first.
    const attention = [
      ...(await deliveries({ status: "dead" })),
      ...(await deliveries({ status: "retrying" })),
    ].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
    await expect.poll(() => panel.locator("tr[data-delivery]").count()).toBe(attention.length);
    const shown = await panel
      .locator("tr[data-delivery]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-delivery")));
    expect(new Set(shown)).toEqual(new Set(attention.map((a) => a.id)));
    const flakyRow = attention.find((a) => a.destination.id === ids.flaky);
    expect(
      await row(page, flakyRow?.id ?? "")
        .locator("[data-error]")
        .textContent(),
    ).toBe(flakyError);
    expect(
      await row(page, flakyRow?.id ?? "")
        .locator("[data-status]")
        .textContent(),
    ).toBe(t.stRetrying);
    const metaRow = attention.find((a) => a.destination.id === ids.meta);
    expect(
      await row(page, metaRow?.id ?? "")
        .getByRole("button", { name: /Retry/ })
        .count(),
    ).toBe(1);
    expect(
      await row(page, flakyRow?.id ?? "")
        .getByRole("button")
        .count(),
    ).toBe(0);
    // The period is named: the counts, last success and last error are all of it.
    expect(await panel.locator(".period").textContent()).toMatch(
      /^Counts: deliveries created \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d .*same period\.$/,
    );
    expect(await panel.locator(".hint").textContent()).toBe(t.setupHint);
    expect(await panel.locator(".scroll").evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(
      true,
    );
    await panel.screenshot({ path: `${SHOTS}/dashboard-forwarding-1280.png` });
    expect(dialogs).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("Retry on a dead row calls the API and shows the outcome", async () => {
    const page = await openDashboard(1280);
    const [dead] = await deliveries({ status: "dead", destination_id: ids.meta });
    expect(dead).toMatchObject({ lead_id: story.ctwaLead, attempts: 1 });
    const r = row(page, dead?.id ?? "");
    await expect.poll(() => r.count()).toBe(1);
    expect(await r.locator("[data-attempts]").textContent()).toBe(
      fill(t.attemptsOf, { n: "1", max: "15" }),
    );
    // The remote now accepts: the retry (keyboard) is sent and the row says so.
    story.metaOk = true;
    await r.getByRole("button", { name: /Retry/ }).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => r.locator("[role=status]").textContent(), { timeout: 30_000 })
      .toBe(t.retrySent);
    expect(await r.locator("[data-status]").textContent()).toBe(t.stSent);
    expect(await r.locator("[data-attempts]").textContent()).toBe(
      fill(t.attemptsOf, { n: "2", max: "16" }),
    );
    const after = (await deliveries({ destination_id: ids.meta })).find((d) => d.id === dead?.id);
    expect(after).toMatchObject({ status: "sent", attempts: 2 });
    // The destination's counts follow.
    await expect
      .poll(async () => (await panelCounts(page, ids.meta)).sent)
      .toBe((await apiCounts(ids.meta)).sent);
    expect((await panelCounts(page, ids.meta)).dead).toBe("0");
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("disable, then Send past leads: dry run with the API's counts, confirm delivers", async () => {
    const page = await openDashboard(1280);
    const demo = card(page, "dst_demo_webhook");
    await demo.getByRole("button", { name: `Disable: ` }).click();
    await expect.poll(() => demo.locator("[data-state]").textContent()).toBe(t.disabled);
    expect(await demo.locator(".note").textContent()).toBe(t.nowDisabled);
    const dest = await api<{ disabled: boolean }>("/api/v1/destinations/dst_demo_webhook");
    expect(dest.body.disabled).toBe(true);
    // A lead while disabled: no delivery for it.
    expect((await sendWhatsApp(product.worker.base, "15557000002", "Hello!")).status).toBe(200);
    const lead = String((await waitForLead(product.worker.base, "15557000002")).id);
    expect(
      (await deliveries({ lead_id: lead })).some((d) => d.destination.id === "dst_demo_webhook"),
    ).toBe(false);
    // Disabled: no backfill.
    await demo.getByRole("button", { name: /Send past leads/ }).click();
    expect(await demo.locator(".backfill .error").textContent()).toBe(t.needsEnable);
    expect(await demo.getByRole("button", { name: t.dryRun }).isDisabled()).toBe(true);
    // Enable (keyboard).
    await demo.getByRole("button", { name: /^Enable: / }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => demo.locator("[data-state]").textContent()).toBe(t.enabled);
    expect(
      (await api<{ disabled: boolean }>("/api/v1/destinations/dst_demo_webhook")).body.disabled,
    ).toBe(false);
    // The window is explained; the range is the dashboard's period.
    expect(await demo.locator(".window").textContent()).toBe(t.window_webhook);
    const dates = demo.locator(".backfill input[type=date]");
    expect(await dates.nth(0).inputValue()).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(await dates.nth(1).inputValue()).toBe(new Date().toISOString().slice(0, 10));
    await demo.getByRole("button", { name: t.dryRun }).click();
    const preview = demo.locator("[data-preview]");
    await expect.poll(() => preview.count()).toBe(1);
    const since = (await preview.getAttribute("data-since")) ?? "";
    const until = (await preview.getAttribute("data-until")) ?? "";
    const dry = await api<Record<string, number>>(
      "/api/v1/destinations/dst_demo_webhook/backfill",
      {
        method: "POST",
        body: JSON.stringify({ since, until, dry_run: true }),
      },
    );
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ queued: 1, outside_window: 0, erased: 0 });
    for (const k of ["leads_in_range", "already_present", "queued", "outside_window", "erased"])
      expect(await preview.locator(`[data-n="${k}"]`).textContent(), k).toBe(String(dry.body[k]));
    expect(await page.locator("forwarding-panel [data-done]").count()).toBe(0);
    // GA4 and Meta explain their windows in plain words.
    await card(page, "dst_demo_ga4")
      .getByRole("button", { name: /Send past leads/ })
      .click();
    expect(await card(page, "dst_demo_ga4").locator(".window").textContent()).toContain("72 hours");
    await card(page, "dst_demo_meta")
      .getByRole("button", { name: /Send past leads/ })
      .click();
    expect(await card(page, "dst_demo_meta").locator(".window").textContent()).toContain("7 days");
    await panelScreenshotOfBackfill(page);
    // Back to the webhook: count again, then confirm.
    await demo.getByRole("button", { name: /Send past leads/ }).click();
    await demo.getByRole("button", { name: t.dryRun }).click();
    const confirm = demo.getByRole("button", { name: fill(t.confirm, { n: "1" }) });
    await expect.poll(() => confirm.count()).toBe(1);
    await confirm.click();
    await expect
      .poll(() => demo.locator("[data-done]").textContent())
      .toBe(fill(t.queuedResult, { n: "1" }));
    // The receiver got the past lead: its delivery is sent.
    await expect
      .poll(
        async () =>
          (await deliveries({ lead_id: lead })).find((d) => d.destination.id === "dst_demo_webhook")
            ?.status,
        { timeout: 30_000, interval: 500 },
      )
      .toBe("sent");
    // Twice is safe: nothing left to send.
    const again = await api<Record<string, number>>(
      "/api/v1/destinations/dst_demo_webhook/backfill",
      { method: "POST", body: JSON.stringify({ since, until, dry_run: true }) },
    );
    expect(again.body.queued).toBe(0);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/** The 1280 px view with a backfill preview open (for a person to look at). */
async function panelScreenshotOfBackfill(page: Page): Promise<void> {
  await page
    .locator("forwarding-panel")
    .screenshot({ path: `${SHOTS}/dashboard-forwarding-1280-backfill.png` });
}
