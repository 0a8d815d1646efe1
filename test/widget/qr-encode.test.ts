/**
 * The pure QR modules the widget and the worker share (widget/qr/encode.ts, widget/qr/svg.ts):
 * codes of real chat links, in every language and at every error-correction level, drawn from
 * the SVG path alone and decoded with jsQR back to exactly the input.
 */
import fc from "fast-check";
import jsQR from "jsqr";
import { describe, expect, test } from "vitest";
import { STRINGS } from "../../widget/i18n";
import { buildMessage, chatUrl } from "../../widget/message";
import { mintRef } from "../../widget/protocol/ref-codec";
import { type Ecc, encodeQr, type QrMatrix } from "../../widget/qr/encode";
import { QR_STRINGS } from "../../widget/qr/qr-strings";
import { QUIET_ZONE, qrSvg, qrSvgPath, qrSvgSize } from "../../widget/qr/svg";

const ECCS: Ecc[] = ["L", "M", "Q", "H"];

/** Rasterises a `qrSvgPath` (runs of `M x y h n v1 h-n z`) into a grid of dark cells. */
function cellsOfPath(d: string, side: number): boolean[][] {
  const grid = Array.from({ length: side }, () => new Array<boolean>(side).fill(false));
  const runs = [...d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
  expect(runs.map((m) => m[0]).join("")).toBe(d); // nothing else in the path
  for (const [, x, y, n, back] of runs) {
    expect(back).toBe(n);
    for (let i = 0; i < Number(n); i++) {
      const row = grid[Number(y)] as boolean[];
      expect(row[Number(x) + i]).toBe(false); // runs never overlap
      row[Number(x) + i] = true;
    }
  }
  return grid;
}

/** Decodes the SVG path drawn at `scale` pixels per module, as a camera would see it. */
function decodePath(matrix: QrMatrix, scale = 3): string | null {
  const side = qrSvgSize(matrix);
  const grid = cellsOfPath(qrSvgPath(matrix), side);
  const px = side * scale;
  const data = new Uint8ClampedArray(px * px * 4).fill(255);
  for (let y = 0; y < px; y++) {
    for (let x = 0; x < px; x++) {
      if (!grid[Math.floor(y / scale)]?.[Math.floor(x / scale)]) continue;
      const o = (y * px + x) * 4;
      data[o] = data[o + 1] = data[o + 2] = 0;
    }
  }
  return jsQR(data, px, px, { inversionAttempts: "dontInvert" })?.data ?? null;
}

describe("encodeQr + qrSvgPath", () => {
  test("chat links in every language, at every ECC level, decode to exactly the link", () => {
    const lengths: number[] = [];
    for (const lang of Object.keys(STRINGS)) {
      const url = chatUrl("15550001111", buildMessage(mintRef(), lang));
      lengths.push(url.length);
      for (const ecc of ECCS) expect(decodePath(encodeQr(url, ecc)), `${lang} ${ecc}`).toBe(url);
    }
    // The links the widget shows are ~100–260 characters (Cyrillic, Arabic, Chinese escaped).
    expect(Math.min(...lengths)).toBeLessThan(120);
    expect(Math.max(...lengths)).toBeGreaterThan(200);
  });

  test("custom templates and any printable text round-trip (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300, unit: "grapheme" }),
        fc.constantFrom(...ECCS),
        (template, ecc) => {
          const url = chatUrl("442079460000", buildMessage(mintRef(), "ru", template));
          expect(decodePath(encodeQr(url, ecc))).toBe(url);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("the path draws exactly the dark modules, offset by the quiet zone", () => {
    const matrix = encodeQr("https://wa.me/15550001111?text=Hi%20(Ref%3A%20K7QM3-XZP4T)", "Q");
    const side = qrSvgSize(matrix);
    expect(side).toBe(matrix.size + 2 * QUIET_ZONE);
    const grid = cellsOfPath(qrSvgPath(matrix), side);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const inside = x >= 4 && y >= 4 && x < side - 4 && y < side - 4;
        const dark = inside && matrix.isDark(x - QUIET_ZONE, y - QUIET_ZONE);
        expect(grid[y]?.[x], `${x},${y}`).toBe(dark);
      }
    }
    // Finder pattern corners: dark, light quiet zone around them.
    expect(matrix.isDark(0, 0) && matrix.isDark(6, 6) && !matrix.isDark(7, 7)).toBe(true);
  });

  test("higher ECC never yields a smaller symbol; qrSvg is a standalone document", () => {
    const url = chatUrl("15550001111", buildMessage(mintRef(), "ar"));
    const sizes = ECCS.map((ecc) => encodeQr(url, ecc).size);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    const doc = qrSvg(encodeQr(url, "H"), { title: 'A "QR" <code>' });
    expect(doc).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(doc).toContain("<title>A &#34;QR&#34; &#60;code&#62;</title>");
    expect(() => encodeQr("x".repeat(3000), "H")).toThrow();
  });
});

test("QR texts exist for every widget language", () => {
  expect(Object.keys(QR_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
  for (const strings of Object.values(QR_STRINGS)) {
    for (const text of Object.values(strings)) expect(text.trim()).not.toBe("");
  }
});
