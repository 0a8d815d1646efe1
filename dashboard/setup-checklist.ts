/**
 * The set-up checklist of a new site (`GET /api/v1/setup`): script tag seen (a first click
 * received, and no click refused in the last 24 h), webhook connected (the latest inbound
 * message), first lead, destinations healthy (none failing or only skipping; disabled ones do not
 * count) — each done with its time, or open with the next
 * step in the interface language and the server's exact fix (the script tag with the site's
 * key, the callback URL, the command: English, marked so). Shown open while a step is; once all
 * are done, a one-line summary that opens to the list, and that "Hide" dismisses for this site
 * (kept in localStorage).
 */
import { html, nothing, type PropertyValues } from "lit";
import { defineElement } from "./define-element";
import { fill, formatDateTime } from "./format";
import { type Strings, strings } from "./i18n";
import { fetchSetup, type Setup } from "./overview-api";
import { states } from "./properties";
import { setupChecklistStyles } from "./setup-checklist.styles";
import { SiteElement } from "./site-element";
import { shellStyles } from "./styles";

/** The steps, in the order a new site takes them. */
export const SETUP_STEPS = ["beacon", "webhook", "lead", "destinations"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

interface StepView {
  id: SetupStep;
  done: boolean;
  /** When it happened (done), as shown. */
  when: string;
  /** The next step (open), in the interface language. */
  next: string;
  /** The server's exact fixes (English), with what each is about. */
  fixes: { about: string; fix: string }[];
}

const HIDDEN = "chatref.setupHidden.";

/** Each step of `s`, done or with what to do next. */
export function setupSteps(s: Setup, t: Strings, tz: string): StepView[] {
  const at = (label: string, iso: string | null) =>
    iso ? fill(label, { at: formatDateTime(iso, tz) }) : "";
  const refused = s.rejected_beacons.map((r) => ({
    about: fill(t.setupRefused, { origin: r.origin, n: String(r.count) }),
    fix: r.fix,
  }));
  // A destination disabled on purpose is no failure: it is said in the forwarding panel.
  const failing = s.destinations.filter(
    (d) => d.status !== "disabled" && (d.fix !== null || d.status === "failing"),
  );
  return [
    {
      id: "beacon",
      done: s.beacon.at !== null && refused.length === 0,
      when: at(t.setupLatest, s.beacon.at),
      next: s.beacon.at === null ? t.setupBeaconNext : t.setupRefusedNext,
      fixes: [...(s.beacon.fix ? [{ about: "", fix: s.beacon.fix }] : []), ...refused],
    },
    {
      id: "webhook",
      done: s.webhook.at !== null,
      when: at(t.setupLatest, s.webhook.at),
      next: t.setupWebhookNext,
      fixes: s.webhook.fix ? [{ about: "", fix: s.webhook.fix }] : [],
    },
    {
      id: "lead",
      done: s.lead.at !== null,
      when: at(t.setupFirst, s.lead.at),
      next: t.setupLeadNext,
      fixes: [],
    },
    {
      id: "destinations",
      done: s.destinations.length > 0 && failing.length === 0,
      when: fill(t.setupHealthy, { n: String(s.destinations.length) }),
      next: s.destinations.length ? t.setupDestinationsNext : t.setupDestinationsNone,
      fixes: failing.map((d) => ({ about: d.name, fix: d.fix ?? d.last_error?.message ?? "" })),
    },
  ];
}

export class SetupChecklist extends SiteElement {
  static override properties = { ...states("setup", "dismissed") };
  setup: Setup | null = null;
  /** Dismissed (all steps done, "Hide" pressed) for this site. */
  dismissed = false;
  #request = 0;
  static override styles = [shellStyles, setupChecklistStyles];

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("apiKey")) void this.refresh();
  }

  /** Reads the set-up state again (the latest request wins); a failure shows nothing. */
  async refresh(): Promise<void> {
    if (!this.apiKey) return;
    const id = ++this.#request;
    const setup = await fetchSetup(this.apiKey).catch(() => null);
    if (id !== this.#request) return;
    this.setup = setup;
    this.dismissed = !!setup && localStorage.getItem(HIDDEN + setup.site_id) === "1";
  }

  /** Nothing shown (not read yet, or dismissed): the host leaves no gap in the shell's grid. */
  override updated(): void {
    this.hidden = !this.shadowRoot?.querySelector("section");
  }

  #hide(): void {
    if (!this.setup) return;
    localStorage.setItem(HIDDEN + this.setup.site_id, "1");
    this.dismissed = true;
  }

  override render() {
    const s = this.setup;
    if (!s) return nothing;
    const t = strings(this.locale).shell;
    const steps = setupSteps(s, t, this.tz);
    const done = steps.filter((x) => x.done).length;
    const progress = fill(t.setupProgress, { done: String(done), total: String(steps.length) });
    const list = html`<ol>${steps.map((x) => this.#step(t, x))}</ol>`;
    if (done < steps.length)
      return html`<section class="card" aria-labelledby="setup-h" data-setup="open">
        <div class="head">
          <h2 id="setup-h">${t.setupTitle}</h2>
          <p class="muted">${progress}</p>
          <div class="tools"><button type="button" @click=${() => this.refresh()}>${t.setupCheck}</button></div>
        </div>
        ${list}
      </section>`;
    if (this.dismissed) return nothing;
    return html`<section class="card complete" aria-label=${t.setupTitle} data-setup="complete">
      <div class="head">
        <details><summary><span class="mark" aria-hidden="true">✓</span>${t.setupComplete}</summary>${list}</details>
        <div class="tools"><button type="button" @click=${() => this.#hide()}>${t.setupHide}</button></div>
      </div>
    </section>`;
  }

  #step(t: Strings, x: StepView) {
    const name = t[`setup_${x.id}`];
    return html`<li data-step=${x.id} data-done=${x.done ? "true" : "false"}>
      <span class="mark" aria-hidden="true">${x.done ? "✓" : ""}</span>
      <span class="step"><span class="sr">${x.done ? t.setupDone : t.setupTodo}: </span>${name}</span>
      <p class="what">${x.done ? x.when : x.next}</p>
      ${x.done ? nothing : x.fixes.map((f) => html`${f.about ? html`<p class="what">${f.about}</p>` : nothing}<p class="fix" lang="en" dir="ltr">${f.fix}</p>`)}
    </li>`;
  }
}

defineElement("setup-checklist", SetupChecklist);

declare global {
  interface HTMLElementTagNameMap {
    "setup-checklist": SetupChecklist;
  }
}
