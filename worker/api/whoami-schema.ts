/** The answer of `GET /api/v1/whoami`: pure zod, so the dashboard can import its type. */
import { z } from "zod";
import { API_KEY_SCOPES } from "../db/schema";
import { text } from "../read-model/json-fields";

/** The key in use, so a client (the dashboard) knows what it may do. */
export const whoamiSchema = z.strictObject({
  site_id: text,
  /** The site's display name, so a client can say which site it shows. */
  site_name: text,
  /** The site's WhatsApp number and Cloud API phone_number_id (the phone simulator's target). */
  wa_number: text,
  phone_number_id: text,
  timezone: text,
  key_id: text,
  scope: z.enum(API_KEY_SCOPES),
});
export type WhoamiJson = z.output<typeof whoamiSchema>;
