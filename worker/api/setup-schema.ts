/**
 * The answers of `GET /api/v1/setup` (a site's set-up state, site key) and
 * `GET /api/v1/sites/diagnostics` (what no site owns, admin token). Pure zod, so the dashboard's
 * set-up checklist can import the types without D1's.
 */
import { z } from "zod";
import { count, isoInstant, nullableText, text } from "../read-model/json-fields";

const fix = nullableText.describe("what to do, in a sentence; null when nothing is needed");

/** One step of the set-up: when it last (or first) happened, and the fix while it has not. */
const stepSchema = z.strictObject({ at: isoInstant.nullable(), fix });

export const setupSchema = z.strictObject({
  site_id: text,
  site_key: text.describe("the script tag's `data-site`"),
  beacon: stepSchema.describe("the site's latest click beacon or scan"),
  webhook: stepSchema.describe("the latest inbound message of any of the site's chat apps"),
  lead: stepSchema.describe("the site's first lead"),
  destinations: z.array(
    z.strictObject({
      id: text,
      kind: text,
      name: text,
      status: z
        .enum(["ok", "failing", "waiting", "disabled"])
        .describe(
          "`ok`: its latest outcome of the last 7 days was a delivery; `failing`: an error; `waiting`: nothing yet; `disabled`",
        ),
      last_sent_at: isoInstant.nullable(),
      last_error: z.strictObject({ message: text, at: isoInstant }).nullable(),
      fix,
    }),
  ),
  rejected_beacons: z
    .array(
      z.strictObject({
        reason: z.enum(["origin_not_allowed"]),
        origin: text.describe("the page's origin, or `(none)`"),
        count,
        last_at: isoInstant,
        fix: text,
      }),
    )
    .describe("beacons refused in the last 24 h, by reason and origin, most frequent first"),
  rejected_refs: z
    .array(
      z.strictObject({
        reason: z.enum(["ref_other_number"]),
        opened_number: text.describe("the number the chat was opened to (the click's `number`)"),
        received_number: text.describe("the number the message with the ref arrived on"),
        count,
        last_at: isoInstant,
        fix: text,
      }),
    )
    .describe(
      "refs not attributed in the last 24 h because they arrived on another of the site's numbers than the one they opened, by number pair, most frequent first",
    ),
});
export type SetupJson = z.output<typeof setupSchema>;

export const diagnosticsSchema = z.strictObject({
  since: isoInstant,
  data: z
    .array(
      z.strictObject({
        kind: z
          .enum(["unknown_site", "unknown_account", "unknown_link"])
          .describe(
            "`unknown_site`: a beacon's data-site; `unknown_account`: a webhook's phone_number_id (or `<provider>:<account>`); `unknown_link`: a short-link code",
          ),
        detail: text.describe("the key, account or code no site has"),
        count,
        last_at: isoInstant,
        fix: text,
      }),
    )
    .describe("requests for things no site owns in the last 24 h, most frequent first"),
});
export type DiagnosticsJson = z.output<typeof diagnosticsSchema>;
