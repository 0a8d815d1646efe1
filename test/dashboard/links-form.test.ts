/**
 * The campaign links form's 400: the API's message next to the field it names, which gets the
 * focus; fixed, the link is created. And every language has every panel string. The story:
 * links-story.ts.
 */
import { describe, expect, it } from "vitest";
import { errorField, qrFileName } from "../../dashboard/links-api";
import { api, apiLinks, errors, HOSTILE, openSignedIn, SHOTS, t } from "./links-story";
import { LANGS, LINKS_STRINGS } from "./strings";
import { expectEveryLanguage } from "./strings-check";

describe("campaign links form and strings (browser, real product)", () => {
  it("a 400 from the API is shown next to the field it names", async () => {
    const { page } = await openSignedIn(1280);
    const panel = page.locator("links-panel");
    const name = panel.locator("#f-name");
    expect(await name.getAttribute("maxlength")).toBe("120");
    // The form stops a long name; the API is the last word: bypass maxlength.
    await name.evaluate((e) => e.removeAttribute("maxlength"));
    const long = "x".repeat(121);
    await name.fill(long);
    await panel.getByRole("button", { name: t.create }).click();
    const res = await api<{ error: { code: string; message: string } }>("/api/v1/links", {
      method: "POST",
      body: JSON.stringify({ name: long }),
    });
    expect(res.status).toBe(400);
    const { error } = res.body;
    expect(error.code).toBe("validation_failed");
    const message = panel.locator("#f-name-error");
    await expect.poll(() => message.textContent()).toBe(`${t.createFailed}: ${error.message}`);
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    expect(await name.getAttribute("aria-describedby")).toContain("f-name-error");
    expect(await name.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(
      true,
    );
    expect((await apiLinks()).some((l) => l.name === long)).toBe(false);
    await panel.screenshot({ path: `${SHOTS}/dashboard-links-400.png` });
    // Fixed, it goes through and the error is gone.
    await name.fill("Flyer");
    await panel.getByRole("button", { name: t.create }).click();
    await expect.poll(() => panel.locator(".form-end [role=status]").textContent()).toBe(t.created);
    expect(await message.count()).toBe(0);
    expect(await name.getAttribute("aria-invalid")).toBe("false");
    expect(errorField("utm_source: Too big")).toBe("utm_source");
    expect(errorField("Body is not valid JSON")).toBe(null);
    expect(qrFileName({ name: "Витрина / Осень: 50%!", code: "k7qm3xzp" }, "svg")).toBe(
      "chatref-qr-витрина-осень-50-k7qm3xzp.svg",
    );
    expect(qrFileName({ name: HOSTILE, code: "k7qm3xzp" }, "png")).toBe(
      "chatref-qr-img-src-x-onerror-alert-1-k7qm3xzp.png",
    );
    expect(errors).toEqual([]);
  });

  it("every language has every panel string", () => {
    const translated = expectEveryLanguage(LINKS_STRINGS, ({ label }, value, english) => {
      if (english.includes("{ref}")) expect(value, label).toContain("{ref}");
      if (english.endsWith("…")) expect(value, label).toMatch(/…$/);
      for (const tag of english.match(/utm_\w+/g) ?? []) expect(value, label).toContain(tag);
    });
    for (const [lang, strings] of Object.entries(LINKS_STRINGS)) {
      // The shell's language picker stays the only control labelled with its word.
      const picker = LANGS[lang as keyof typeof LANGS].language.toLowerCase();
      expect(strings.chatLang.toLowerCase(), lang).not.toContain(picker);
      if (lang !== "en") expect(translated[lang], lang).toBeGreaterThan(0.85);
    }
  });
});
