/**
 * The set-up check in the `chatref` CLI: `sites get` prints the site's set-up state under the
 * site (`GET /api/v1/sites/{id}/setup`: last beacon, last webhook, first lead, destinations'
 * health, beacons refused in the last 24 h), and `sites diagnostics` lists what no site owns
 * (`GET /api/v1/sites/diagnostics`). Each problem is printed with the fix the Worker names.
 */
import { ApiFailure, request } from "./chatref-api.mjs";

const OK = "✓";
const NO = "✗";

/** One set-up step: its time, or what to do. */
function step(label, s) {
  return s.at
    ? `  ${OK} ${label.padEnd(14)}${s.at}`
    : `  ${NO} ${label.padEnd(14)}none yet\n      fix: ${s.fix}`;
}

/** The set-up state as text (worker/api/setup-schema.ts setupSchema). */
export function setupText(setup) {
  const lines = [
    "Set-up check",
    step("last beacon", setup.beacon),
    step("last webhook", setup.webhook),
    step("first lead", setup.lead),
  ];
  if (setup.destinations.length) {
    lines.push("  Destinations");
    for (const d of setup.destinations) {
      const mark = d.status === "ok" ? OK : d.status === "waiting" ? "·" : NO;
      const when =
        d.status === "failing" && d.last_error
          ? `failing since ${d.last_error.at}: ${d.last_error.message}`
          : d.status === "ok"
            ? `ok, last sent ${d.last_sent_at}`
            : d.status === "waiting"
              ? "nothing delivered in the last 7 days"
              : "disabled";
      lines.push(`    ${mark} ${d.kind} "${d.name}" (${d.id}): ${when}`);
      if (d.fix) lines.push(`      fix: ${d.fix}`);
    }
  }
  if (setup.rejected_beacons.length) {
    lines.push("  Beacons refused in the last 24 h");
    for (const r of setup.rejected_beacons) {
      lines.push(`    ${NO} ${r.origin}: origin not allowed, ${r.count}× (last ${r.last_at})`);
      lines.push(`      fix: ${r.fix}`);
    }
  } else lines.push(`  ${OK} no beacon refused in the last 24 h`);
  return lines.join("\n");
}

const KIND_TEXT = {
  unknown_site: "beacons for an unknown site key",
  unknown_account: "webhooks for an unknown account",
  unknown_link: "scans of an unknown link code",
};

/** The diagnostics as text (worker/api/setup-schema.ts diagnosticsSchema). */
export function diagnosticsText(d) {
  if (!d.data.length)
    return `${OK} Nothing refused for an unknown site, account or link since ${d.since}.`;
  const lines = [`Requests for things no site has, since ${d.since}:`];
  for (const r of d.data) {
    lines.push(
      `  ${NO} ${r.detail}: ${KIND_TEXT[r.kind] ?? r.kind}, ${r.count}× (last ${r.last_at})`,
    );
    lines.push(`      fix: ${r.fix}`);
  }
  return lines.join("\n");
}

/** The site's set-up state, or null from a Worker that predates the set-up check. */
export async function readSetup(id) {
  try {
    return await request("GET", `/api/v1/sites/${encodeURIComponent(id)}/setup`);
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 404) return null;
    throw err;
  }
}

export const SETUP_COMMANDS = {
  "sites diagnostics": {
    usage: "sites diagnostics",
    about:
      "List the last 24 h's beacons for unknown site keys, webhooks for unknown phone_number_ids or accounts and scans of unknown link codes, each with the fix.",
    options: {},
    run: async () => {
      const d = await request("GET", "/api/v1/sites/diagnostics");
      return { json: d, text: () => diagnosticsText(d) };
    },
  },
};
