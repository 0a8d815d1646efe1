/**
 * The `tiktok` destination through the destinations API: settings checked at the edge with clear
 * 400s, the access token sealed and never returned, the host pin (business-api.tiktok.com only,
 * at creation and again at delivery), and a token that never follows a moved endpoint.
 */
import { describe, expect, it } from "vitest";
import { createSealed, describeDestinationApi } from "./destination-test-kit";
import { createSite } from "./helpers";
import { PIXEL, siteWithTiktok, TIKTOK_BASE, TIKTOK_TOKEN, tiktokLead } from "./tiktok-helpers";

const BASE = TIKTOK_BASE;
/** The advice every refusal of another host ends with. */
const USE = "use business-api.tiktok.com";
/** Where the move checks send the destination (the token must come again). */
const MOVED = "http://127.0.0.1:9/open_api/v1.3";

describeDestinationApi({
  kind: "tiktok",
  base: BASE,
  refusals: [
    [{ pixel_code: "no!" }, /^pixel_code: /],
    [{ pixel_code: undefined }, /^pixel_code: /],
    [{ access_token: undefined }, /^access_token: /],
    [{ access_token: "short" }, /^access_token: /],
    [{ event_name: "Lead<script>" }, /^event_name: 1–40 letters, digits, spaces or underscores/],
    [{ event_name: "x".repeat(41) }, /^event_name: /],
    [{ value: 3 }, "currency: currency is required with value"],
    [{ credentials: "x" }, /credentials/],
  ],
  hostPin: {
    allowed: ["https://business-api.tiktok.com/open_api/v1.3"],
    refused: [
      "https://evil.example/open_api/v1.3",
      "https://business-api.tiktok.com.evil.example/open_api/v1.3",
      "https://ads.tiktok.com/open_api/v1.3",
      "https://graph.facebook.com/v24.0",
      "http://business-api.tiktok.com/open_api/v1.3",
    ],
    reason: ["https://evil.example/x", `host evil.example is not allowed for tiktok; ${USE}`],
    loopback: "http://127.0.0.1:8790/tiktok",
  },
  otherHosts: [
    [
      { endpoint: "https://collector.evil.example/open_api/v1.3" },
      `endpoint: host collector.evil.example is not allowed for tiktok; ${USE}`,
    ],
  ],
  siteWith: siteWithTiktok,
  move: {
    secretField: "access_token",
    moves: [
      ["endpoint", MOVED],
      ["endpoint", null],
      // The pixel the token acts on is where it sends too.
      ["pixel_code", "ANOTHERPIXEL0001"],
    ],
    accepted: {
      endpoint: MOVED,
      access_token: "another-tiktok-token-0002",
    },
    keep: { event_name: "SubmitForm", test_event_code: "T1" },
  },
  atDelivery: {
    stored: { endpoint: "https://business-api.tiktok.com.evil.example/v1.3" },
    lead: (site) => tiktokLead(site, { ttclid: "ttclid-policy" }),
    lastError: `destination URL refused: host business-api.tiktok.com.evil.example is not allowed for tiktok; ${USE}`,
  },
});

describe("tiktok: the token at rest", () => {
  it("the token is sealed and never returned, only its last 4", async () => {
    const body = { ...BASE, event_name: "Contact" };
    const { made, config } = await createSealed(await createSite(), body, [TIKTOK_TOKEN]);
    expect(made.events).toEqual(["lead.created"]);
    expect(config).toMatchObject({
      pixel_code: PIXEL,
      event_name: "Contact",
      access_token_last4: "0001",
    });
  });
});
