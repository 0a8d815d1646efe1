/**
 * Measurements of the widget as a host page shows it (host-pages.test.ts): boxes from
 * getBoundingClientRect, and the computed text properties a hostile page would leak in.
 */
import type { Frame, Page } from "playwright-core";

/** The host page's typography that must not reach the widget's text (the widget's own values). */
export const HOST_TYPE_KEPT_OUT = {
  textTransform: "none",
  letterSpacing: "normal",
  wordSpacing: "0px",
  textShadow: "none",
};

/** Width and height in CSS pixels, rounded to 0.1 px. */
export interface Size {
  width: number;
  height: number;
}

/** One `<chatref-button>`'s link. */
export interface ButtonBox extends Size {
  icon: Size;
  /** Computed text properties of the label. */
  text: Record<string, string>;
  /** The icon is left of the label. */
  iconFirst: boolean;
  label: string;
  /** Distance from the viewport's right and bottom edges. */
  gap: { right: number; bottom: number };
  /** The topmost element at the link's centre is the button (not a page overlay). */
  onTop: boolean;
  /** The link's animation (`none` under prefers-reduced-motion). */
  animation: string;
}

/** The floating and the inline (`#hero`) button, and the inline QR (`#qr`). */
export interface ButtonLook {
  floating: ButtonBox;
  inline: ButtonBox;
  qr: { host: Size; drawn: boolean };
}

/** Waits for both buttons to render, then measures them and the inline QR. */
export async function measureButtons(scope: Page | Frame): Promise<ButtonLook> {
  await scope.waitForFunction(() =>
    [...document.querySelectorAll("chatref-button")].every((b) =>
      b.shadowRoot?.querySelector(".btn"),
    ),
  );
  // The inline QR draws once on screen and widget-qr.js is there (never where it may not load).
  await scope.locator("#qr").evaluate((qr) => qr.scrollIntoView({ block: "center" }));
  await scope
    .waitForFunction(() => document.querySelector("#qr")?.shadowRoot?.querySelector("svg"), null, {
      timeout: 2000,
    })
    .catch(() => undefined);
  return scope.evaluate(async () => {
    // The floating button slides in: measure where it comes to rest (its animation exists from
    // the first style update after it rendered).
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const links = [...document.querySelectorAll("chatref-button")].map((b) =>
      b.shadowRoot?.querySelector(".btn"),
    );
    await Promise.all(links.flatMap((a) => a?.getAnimations() ?? []).map((a) => a.finished));
    const round = (n: number) => Math.round(n * 10) / 10;
    const size = (el: Element | null | undefined) => {
      const r = el?.getBoundingClientRect();
      return { width: round(r?.width ?? -1), height: round(r?.height ?? -1) };
    };
    const box = (host: Element | null) => {
      const a = host?.shadowRoot?.querySelector(".btn") as HTMLElement;
      const icon = a.querySelector("svg");
      const label = a.querySelector("[part=label]") as HTMLElement;
      const cs = getComputedStyle(label);
      const r = a.getBoundingClientRect();
      const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return {
        ...size(a),
        icon: size(icon),
        text: {
          fontSize: cs.fontSize,
          fontWeight: cs.fontWeight,
          fontStyle: cs.fontStyle,
          textTransform: cs.textTransform,
          letterSpacing: cs.letterSpacing,
          wordSpacing: cs.wordSpacing,
          textShadow: cs.textShadow,
          textIndent: cs.textIndent,
          whiteSpace: cs.whiteSpace,
          direction: getComputedStyle(a).direction,
        },
        iconFirst: (icon?.getBoundingClientRect().x ?? 0) < label.getBoundingClientRect().x,
        label: label.textContent ?? "",
        gap: {
          right: round(document.documentElement.clientWidth - r.right),
          bottom: round(document.documentElement.clientHeight - r.bottom),
        },
        onTop: top === host,
        animation: getComputedStyle(a).animationName,
      };
    };
    const qr = document.querySelector("#qr");
    return {
      floating: box(document.querySelector("chatref-button[floating]")),
      inline: box(document.querySelector("#hero")),
      qr: { host: size(qr), drawn: Boolean(qr?.shadowRoot?.querySelector("svg")) },
    };
  });
}

/** The open desktop panel of `#hero`. */
export interface PanelLook {
  dialog: Size;
  inViewport: boolean;
  code: Size;
  close: Size;
  icon: Size;
  /** Computed text properties of the title. */
  text: Record<string, string>;
}

/** Measures `#hero`'s open panel. */
export function measurePanel(scope: Page | Frame): Promise<PanelLook> {
  return scope.evaluate(() => {
    const round = (n: number) => Math.round(n * 10) / 10;
    const size = (el: Element | null | undefined) => {
      const r = el?.getBoundingClientRect();
      return { width: round(r?.width ?? -1), height: round(r?.height ?? -1) };
    };
    const root = document.querySelector("#hero")?.shadowRoot;
    const dialog = root?.querySelector("dialog");
    const r = dialog?.getBoundingClientRect();
    const title = getComputedStyle(root?.querySelector("h2") as Element);
    return {
      dialog: size(dialog),
      inViewport:
        r !== undefined &&
        r.left >= 0 &&
        r.top >= 0 &&
        r.right <= document.documentElement.clientWidth &&
        r.bottom <= document.documentElement.clientHeight,
      code: size(root?.querySelector(".code")),
      close: size(root?.querySelector("[part=close]")),
      icon: size(root?.querySelector("header svg")),
      text: {
        fontSize: title.fontSize,
        textTransform: title.textTransform,
        letterSpacing: title.letterSpacing,
        wordSpacing: title.wordSpacing,
        textShadow: title.textShadow,
      },
    };
  });
}
