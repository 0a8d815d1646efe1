import { describe, expect, it } from "vitest";
import { FREE_ENTRY_WINDOW_MS, SERVICE_WINDOW_MS, windowAt } from "../../worker/consent/windows";
import { contactOf } from "./consent-helpers";
import { api, createSite, deliver, message, newPhone } from "./helpers";

const MIN = 60_000;
const HOUR = 60 * MIN;

describe("windowAt", () => {
  const start = Date.UTC(2026, 10, 1, 12, 0, 0);
  it("customer service window: open at 23:59, closed at 24:00 and 24:01", () => {
    expect(windowAt(start, SERVICE_WINDOW_MS, start + 23 * HOUR + 59 * MIN).open).toBe(true);
    expect(windowAt(start, SERVICE_WINDOW_MS, start + 24 * HOUR - 1).open).toBe(true);
    expect(windowAt(start, SERVICE_WINDOW_MS, start + 24 * HOUR).open).toBe(false);
    expect(windowAt(start, SERVICE_WINDOW_MS, start + 24 * HOUR + MIN).open).toBe(false);
    expect(windowAt(start, SERVICE_WINDOW_MS, start).expires_at).toBe("2026-11-02T12:00:00.000Z");
  });
  it("free entry window: open at 71:59, closed at 72:01", () => {
    expect(windowAt(start, FREE_ENTRY_WINDOW_MS, start + 71 * HOUR + 59 * MIN).open).toBe(true);
    expect(windowAt(start, FREE_ENTRY_WINDOW_MS, start + 72 * HOUR + MIN).open).toBe(false);
  });
  it("never opened", () => {
    expect(windowAt(0, SERVICE_WINDOW_MS, start)).toEqual({
      open: false,
      opened_at: null,
      expires_at: null,
    });
    expect(windowAt(null, SERVICE_WINDOW_MS, start).open).toBe(false);
  });
});

interface ContactJson {
  windows: {
    customer_service: { open: boolean; expires_at: string | null };
    free_entry: { open: boolean; opened_at: string | null };
  };
}

async function windowsFor(minutesAgo: number, referral?: Record<string, string>) {
  const site = await createSite();
  const phone = newPhone();
  const timestamp = Math.floor((Date.now() - minutesAgo * MIN) / 1000);
  await deliver(site, message({ from: phone, body: "hi", timestamp, referral }));
  const contact = await contactOf(site, phone);
  const res = await api(site, `/api/v1/contacts/${contact?.publicId}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as ContactJson).windows;
}

describe("GET /api/v1/contacts/:id windows", () => {
  it("last inbound 23:59 ago: service window open; 24:01 ago: closed", async () => {
    expect((await windowsFor(23 * 60 + 59)).customer_service.open).toBe(true);
    expect((await windowsFor(24 * 60 + 1)).customer_service.open).toBe(false);
  });
  it("CTWA lead: free entry window from the referral message, 72 h", async () => {
    const referral = { source_type: "ad", source_id: "120", ctwa_clid: "clid-1" };
    const open = await windowsFor(71 * 60 + 59, referral);
    expect(open.free_entry.open).toBe(true);
    expect(open.customer_service.open).toBe(false);
    expect((await windowsFor(72 * 60 + 1, referral)).free_entry.open).toBe(false);
    const organic = await windowsFor(10);
    expect(organic.free_entry).toMatchObject({ open: false, opened_at: null });
  });
});
