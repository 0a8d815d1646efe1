/**
 * The D1 schema, one file per concern under schema/. camelCase here, snake_case in SQL; times are
 * Unix milliseconds. "Exactly one" business rules are UNIQUE constraints, so writes use ON CONFLICT
 * instead of reads before writes. Migrations are generated from this file (drizzle.config.ts):
 * `npm run db:generate`. Tables are re-exported by name so drizzle-kit lists them in name
 * order, as before the split.
 */
export { apiKeys, auditLog } from "./schema/access";
export { clicks, links } from "./schema/clicks";
export { channelConnections } from "./schema/connections";
export { consentEvents, consentTexts } from "./schema/consent";
export { contactIdentities, contactMerges, contacts } from "./schema/contacts";
export * from "./schema/enums";
export { destinations, outbox } from "./schema/forward";
export { leadEvents } from "./schema/lead-events";
export { deliveries, leads, messages, touches } from "./schema/messages";
export { REJECTION_KINDS, type RejectionKind, rejections } from "./schema/rejections";
export { type SiteKeywords, sites } from "./schema/sites";
export {
  siteTzOffsets,
  statsDailyCoarse,
  statsDailyDims,
  statsDailyTuples,
} from "./schema/stats";
