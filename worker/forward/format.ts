/**
 * What a destination kind contributes to a delivery: whether a lead can go there now, the body
 * (built on the first attempt and kept, so every retry sends the same bytes), the request of one
 * attempt (credentials go in here and nowhere else), and which failures are worth retrying.
 */

import type { LeadEvent, leadEvents } from "../db/schema";
import type { AdConsent } from "../read-model/ad-consent";
import type { LeadRow } from "../read-model/lead-json";
import type { MetaAppUser } from "./app-user";

/** The lead being forwarded, with what the site adds to it. */
export interface ForwardLead {
  row: LeadRow;
  /** The site's WhatsApp Business Account id, when known. */
  siteWabaId: string | null;
  /** A Messenger / Instagram lead's sender and account ids (app-user.ts), when known. */
  metaAppUser?: MetaAppUser | null;
  /** The lead's effective Consent Mode state for this destination (read-model/ad-consent.ts). */
  consent: AdConsent;
}

/** The outbox event being delivered. */
export interface ForwardEvent {
  event: LeadEvent;
  /** Stable across retries: Meta's event_id, the webhook-id. */
  eventId: string;
  /**
   * When the event happened (lead.created: the lead's creation; lead.updated: the row's; a sale
   * event: the time its sender gave), ms.
   */
  occurredAt: number;
  /** The sale event a `lead.<type>` row delivers (value, currency, external id). */
  sale?: SaleEvent | null;
}

/** A recorded sale event (api/record-lead-event.ts). */
export type SaleEvent = typeof leadEvents.$inferSelect;

/** One HTTP attempt. */
export interface ForwardRequest {
  url: string;
  headers: Record<string, string>;
}

export interface Format<C> {
  /**
   * Why this lead (or this sale event of it) cannot be sent now (checked on every attempt:
   * windows close), or null.
   */
  skipReason(lead: ForwardLead, config: C, now: number, event: ForwardEvent): string | null;
  /** The JSON body, built once. */
  payload(lead: ForwardLead, config: C, event: ForwardEvent): Promise<unknown>;
  /**
   * URL and headers of one attempt with `body` (the kept payload text); `previous` is a webhook's
   * signing secret before its rotation, while it is still honoured.
   */
  request(
    config: C,
    credential: string,
    body: string,
    event: ForwardEvent,
    now: number,
    previous?: string,
  ): Promise<ForwardRequest>;
  /** Whether a non-2xx answer may succeed later (else the row is dead at once). */
  retryable(status: number, body: string): boolean;
  /**
   * For APIs that report errors inside a 2xx (TikTok's `{code, message}`): the failure a 2xx
   * `body` states, or null when it is a success. Absent: every 2xx is a success.
   */
  answerError?(body: string): { error: string; retryable: boolean } | null;
  /**
   * Turns the stored credential into the one an attempt sends (an OAuth access token:
   * google-oauth.ts), or throws CredentialError. Absent: the stored credential is used as it is.
   */
  authorize?(input: AuthorizeInput<C>): Promise<string>;
}

export interface AuthorizeInput<C> {
  env: Env;
  destinationId: string;
  config: C;
  /** The opened (unsealed) stored credential. */
  credential: string;
  now: number;
}

/** The credential of an attempt could not be made ready; recorded like a failed request. */
export class CredentialError extends Error {
  constructor(
    message: string,
    /** Whether a later attempt may succeed (a 5xx or timeout of a token endpoint). */
    readonly retryable: boolean,
    /** The HTTP status that said so, if any. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = "CredentialError";
  }
}

/** Transient HTTP statuses for APIs whose other 4xx answers are final. */
export function transientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status === 429;
}
