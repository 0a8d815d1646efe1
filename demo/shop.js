/**
 * The demo shop's own script (not part of the widget): the shop's header, written once for its
 * pages (`<shop-header current="shop|about">`: plain static HTML has no include), and its product
 * cards (`<shop-product>`); forwards each
 * `chatref:click` to the phone simulator over a BroadcastChannel, optionally opens the simulator instead of wa.me, and
 * shows what the widget stored about this visit. Data is rendered with textContent only.
 */

const TOUCH_KEY = "chatref:touch";
const SIMULATE_KEY = "chatref-demo:simulate";
const channel = "BroadcastChannel" in window ? new BroadcastChannel("chatref-phone") : null;

const $ = (selector) => document.querySelector(selector);

/** The shop's links: href (on the shop page, then elsewhere), text, the page it is. */
const NAV = [
  [["./", "./"], "Shop", "shop"],
  [["about.html", "about.html"], "Our story", "about"],
  [["#wholesale", "./#wholesale"], "Wholesale"],
  [["phone.html", "phone.html"], "Phone simulator"],
];

/** The header with the logo and the nav (light DOM: shop-header.css styles it). */
class ShopHeader extends HTMLElement {
  connectedCallback() {
    if (this.firstChild) return;
    const current = this.getAttribute("current");
    const el = (tag, props) => Object.assign(document.createElement(tag), props);
    const logo = el("a", { className: "logo", href: "./" });
    logo.append("Lumen", el("span", { textContent: "." }), "Coffee");
    const nav = el("nav", {});
    nav.setAttribute("aria-label", "Main");
    for (const [[onShop, elsewhere], text, page] of NAV) {
      const a = el("a", { href: current === "shop" ? onShop : elsewhere, textContent: text });
      if (page === current) a.setAttribute("aria-current", "page");
      if (text === "Phone simulator") Object.assign(a, { target: "_blank", rel: "noopener" });
      nav.append(a);
    }
    const wrap = el("div", { className: "wrap" });
    wrap.append(logo, nav);
    const header = el("header", { className: "site-header" });
    header.append(wrap);
    this.append(header);
  }
}
customElements.define("shop-header", ShopHeader);

/**
 * A product card, written once for the shop's roasts:
 * `<shop-product name="Ethiopia Guji" notes="…" price="…" colors="<bag background> <bag>">`.
 * The bag reads the name's first word in capitals over the rest (light DOM: shop.css styles it).
 */
class ShopProduct extends HTMLElement {
  connectedCallback() {
    if (this.firstChild) return;
    const el = (tag, props) => Object.assign(document.createElement(tag), props);
    const [origin, ...rest] = (this.getAttribute("name") ?? "").split(" ");
    const [bagBg, bagColor] = (this.getAttribute("colors") ?? "").split(" ");
    const art = el("div", { className: "art" });
    if (bagBg) art.style.setProperty("--bag-bg", bagBg);
    if (bagColor) art.style.setProperty("--bag", bagColor);
    const bag = el("div", { className: "bag" });
    bag.append(origin.toUpperCase(), el("br"), rest.join(" "));
    art.append(bag);
    const body = el("div", { className: "body" });
    body.append(
      el("h3", { textContent: this.getAttribute("name") }),
      el("p", { textContent: this.getAttribute("notes") }),
      el("span", { className: "price", textContent: this.getAttribute("price") }),
    );
    const card = el("article", { className: "product" });
    card.append(art, body);
    this.append(card);
  }
}
customElements.define("shop-product", ShopProduct);

function readStored() {
  try {
    return JSON.parse(localStorage.getItem(TOUCH_KEY) ?? "null");
  } catch {
    return null;
  }
}

function showStored() {
  const out = $("#stored-touch");
  if (!out) return;
  const stored = readStored();
  out.textContent = stored ? JSON.stringify(stored, null, 2) : "(nothing stored yet)";
}

function simulateEnabled() {
  try {
    return localStorage.getItem(SIMULATE_KEY) === "1";
  } catch {
    return false;
  }
}

/** What each placement did, for the status line. */
const PLACEMENT_STATUS = {
  button: (ref) => `Chat opened with ref ${ref}; the phone simulator tab received the message.`,
  qr_panel: (ref) =>
    `QR panel opened with ref ${ref}: scan it with a phone, or send the message from the phone simulator tab (it received it).`,
  inline_qr: (ref) =>
    `The QR code on this page (ref ${ref}) was on screen for 2 s, so its beacon was sent; the phone simulator tab received its message.`,
};

document.addEventListener("chatref:click", (event) => {
  const detail = event.detail;
  channel?.postMessage(detail);
  // A tap (not an inline QR coming into view) may open the simulator instead of wa.me / the panel.
  if (simulateEnabled() && event.cancelable) {
    // Keep the visitor here and hand the message to the simulator tab instead.
    event.preventDefault();
    const text = detail.message || detail.url;
    // The chat's link names the number it was opened to (an agent's may differ from the shop's).
    const to = encodeURIComponent(detail.url);
    window.open(`phone.html?text=${encodeURIComponent(text)}&to=${to}`, "chatref-phone");
  }
  const status = $("#status");
  if (status) {
    const ref = `${detail.ref.slice(0, 5)}-${detail.ref.slice(5)}`;
    status.textContent = (PLACEMENT_STATUS[detail.placement] ?? PLACEMENT_STATUS.button)(ref);
  }
  showStored();
});

document.addEventListener("chatref:error", (event) => {
  const status = $("#status");
  if (status) status.textContent = `Widget error: ${event.detail.code} (${event.detail.message})`;
});

const simulate = $("#simulate");
if (simulate) {
  simulate.checked = simulateEnabled();
  simulate.addEventListener("change", () => {
    try {
      localStorage.setItem(SIMULATE_KEY, simulate.checked ? "1" : "0");
    } catch {
      // The toggle simply does not persist.
    }
  });
}

$("#reset-visit")?.addEventListener("click", () => {
  try {
    localStorage.removeItem(TOUCH_KEY);
  } catch {
    // Nothing to reset.
  }
  location.href = location.pathname;
});

showStored();
