-- Agents (issue 16): the WhatsApp number a chat was opened to and the agent's name, from the click
-- beacon's `number` / `agent` (a scan: its site's number). Hand-written. A ref is bound to its
-- number: a message received on another number does not attribute it
-- (worker/attribution/record-message.ts). Null on older widgets' clicks, which any number of the
-- site still attributes.
ALTER TABLE `clicks` ADD `number` text;--> statement-breakpoint
ALTER TABLE `clicks` ADD `agent` text;
