/**
 * A token endpoint's answer is read bounded but whole (worker/forward/oauth-token.ts): Microsoft
 * answers a refresh with the access token and a new refresh token as long as the one sent (up to
 * 4,096 characters), more than the 4 KB a delivery's answer is cut at (send.ts); cut there, the
 * JSON never parses and every exchange fails. An endless answer still costs a bounded read.
 */
import { describe, expect, it } from "vitest";
import { deliveryOf, setOk } from "./destination-test-kit";
import { received, runQueue, setPlan } from "./forward-helpers";
import { microsoftLead, msTokenAnswer, siteWithMicrosoftAds } from "./microsoft-ads-helpers";

const MB = 1024 * 1024;

describe("OAuth token answers", () => {
  it("a Microsoft answer over 4 KB (long access and refresh tokens) gives its token", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    const token = `EwB${"a".repeat(2_500)}`;
    const answer = JSON.parse(msTokenAnswer(token)) as Record<string, unknown>;
    const body = JSON.stringify({ ...answer, refresh_token: `M.C105_${"r".repeat(4_000)}` });
    expect(body.length).toBeGreaterThan(6_000);
    await setOk(sinks.token, 200, body);
    const { ids } = await microsoftLead(site, { msclkid: "msclkid-long-token" });
    await runQueue(ids);
    expect(await deliveryOf(site, "microsoft_ads")).toMatchObject({ status: "sent" });
    const auth = (await received(sinks.api)).map((r) => r.headers.authorization);
    expect(auth).toEqual([`Bearer ${token}`]);
  });

  it("an endless 200 from the token endpoint is cut off: retried, nothing sent", async () => {
    const { site, sinks } = await siteWithMicrosoftAds();
    await setPlan(sinks.token, [{ mode: "stream", status: 200, bytes: 64 * MB }]);
    const started = Date.now();
    const { ids } = await microsoftLead(site, { msclkid: "msclkid-endless-token" });
    await runQueue(ids);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await deliveryOf(site, "microsoft_ads")).toMatchObject({
      status: "retrying",
      last_error: "OAuth token: HTTP 200 without a usable access_token",
    });
    expect(await received(sinks.api)).toEqual([]);
  });
});
