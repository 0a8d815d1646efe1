/**
 * The settings of a `tiktok` destination (TikTok Events API, protocols.md §6.4 [S]), declared
 * here and registered in destination-config.ts. The credential is the Events API access token
 * (`access_token`), sealed like the other kinds'.
 */
import { z } from "zod";
import { clearable, currency, endpoint, eventName, value } from "./config-fields";

/** A TikTok pixel code (`event_source_id`): letters and digits, as Events Manager shows it. */
const pixelCode = z
  .string()
  .max(64)
  .trim()
  .regex(/^[A-Za-z0-9]{8,40}$/, "pixel_code: the pixel code from TikTok Events Manager")
  .describe("the pixel code from TikTok Events Manager (`event_source_id`)");

/** An event name: TikTok's standard ones (`Contact`, `SubmitForm`, …) or a custom name. */
const tiktokEventName = eventName.describe(
  "the event sent (`Contact` when absent; `SubmitForm` and custom names also work)",
);

const testEventCode = z.string().trim().min(1).max(64);

export const tiktokShape = {
  /** The pixel the events belong to (`event_source_id`). */
  pixel_code: pixelCode,
  /** Replaces https://business-api.tiktok.com/open_api/v1.3 (tests: a local fake). */
  endpoint: endpoint.optional(),
  /** Routes events to Events Manager's Test Events tab. */
  test_event_code: testEventCode.optional(),
  event_name: tiktokEventName.optional(),
  value: value.optional(),
  currency: currency.optional(),
};

/** `PATCH` fields of a `tiktok` destination (besides name and disabled). */
export const tiktokUpdate = {
  access_token: z.string().trim().min(8).max(1024).optional(),
  pixel_code: pixelCode.optional(),
  endpoint: clearable(endpoint),
  test_event_code: clearable(testEventCode),
  event_name: clearable(tiktokEventName),
  value: clearable(value),
  currency: clearable(currency),
};
