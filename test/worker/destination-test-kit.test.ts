/**
 * The kit's own fixtures hold what they promise: the lead with every click id is recorded with
 * each of them on its click, so a destination test built on it sees the id it needs.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clicks } from "../../worker/db/schema";
import { EVERY_CLICK_ID, leadWithEveryClickId } from "./destination-test-kit";
import { createSite, db, leadRowsOf } from "./helpers";

describe("destination test kit", () => {
  it("leadWithEveryClickId records a lead whose click carries every click id", async () => {
    const site = await createSite();
    await leadWithEveryClickId(site, { utm_source: "kit" });
    const [row] = await db().select().from(clicks).where(eq(clicks.siteId, site.id));
    expect(row).toMatchObject({ ...EVERY_CLICK_ID, utmSource: "kit" });
    const [lead] = await leadRowsOf(site.id);
    expect(lead?.clickId).toBe(row?.id);
  });
});
