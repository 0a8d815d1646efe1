/** Visits (a click's touch) that many tests record; spread one to add the fields a test needs. */

/** The usual paid-search visit: Google, cpc, campaign "spring". */
export const GOOGLE_SPRING = { utm_source: "google", utm_medium: "cpc", utm_campaign: "spring" };
