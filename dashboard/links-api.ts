/**
 * The dashboard's client of `/api/v1/links` (campaign links and their QR codes): Bearer key, same
 * origin. QR images are fetched with the key and handed back as Blobs, shown through `blob:` URLs
 * (an `<img src>` cannot send the Authorization header; the CSP allows `blob:` in img-src).
 */
import type { LinkJson, LinkPageJson } from "../worker/api/link-schema";
import { apiRequest } from "./api";

/** A campaign link as the API answers (the worker's type, inferred from its schema). */
export type CampaignLink = LinkJson;

/** What the create form sends (empty fields are left out). */
export interface NewLink {
  name: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_content?: string;
  message?: string;
  lang?: string;
}

/** The UTM tags a link carries, as the API names them; each at most 256 characters. */
const TAGS = ["utm_source", "utm_medium", "utm_campaign", "utm_content"] as const;
/** The create form's text fields, as the API names them, with their length limits. */
export const TEXT_FIELDS = [
  { name: "name", max: 120 },
  ...TAGS.map((name) => ({ name, max: 256 })),
] as const;
export type FieldName = (typeof TEXT_FIELDS)[number]["name"] | "message" | "lang";
const FIELD_NAMES = new Set<string>([...TEXT_FIELDS.map((f) => f.name), "message", "lang"]);

/** The field a validation message is about (`"name: Too big…"` → `name`), else null. */
export function errorField(message: string): FieldName | null {
  const field = /^([a-z_]+)[.:]/.exec(message)?.[1];
  return field && FIELD_NAMES.has(field) ? (field as FieldName) : null;
}

/** The PNG size of the "print" download. */
export const PRINT_PNG_SIZE = 1200;

const send = apiRequest;

const linkPath = (id: string) => `/api/v1/links/${encodeURIComponent(id)}`;

export async function listLinks(
  key: string,
  params: { limit: number; cursor?: string | null },
): Promise<LinkPageJson> {
  const q = new URLSearchParams({ limit: String(params.limit) });
  if (params.cursor) q.set("cursor", params.cursor);
  return (await send(key, "GET", `/api/v1/links?${q}`)).json();
}

export async function createLink(key: string, body: NewLink): Promise<CampaignLink> {
  return (await send(key, "POST", "/api/v1/links", body)).json();
}

export async function updateLink(
  key: string,
  id: string,
  body: { name?: string; disabled?: boolean },
): Promise<CampaignLink> {
  return (await send(key, "PATCH", linkPath(id), body)).json();
}

/** The link's QR code: the SVG document, or a `size`×`size` PNG. */
export async function fetchQr(
  key: string,
  id: string,
  format: "svg" | "png",
  size = PRINT_PNG_SIZE,
): Promise<Blob> {
  const path = format === "svg" ? `${linkPath(id)}/qr.svg` : `${linkPath(id)}/qr.png?size=${size}`;
  return (await send(key, "GET", path)).blob();
}

/**
 * A file name for a link's download: `chatref-qr-<name>-<code>.<ext>`, the name reduced to
 * letters and digits of any script joined by `-` (nothing a file system refuses).
 */
export function qrFileName(link: Pick<CampaignLink, "name" | "code">, ext: string): string {
  const slug = link.name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `chatref-qr-${slug ? `${slug}-` : ""}${link.code}.${ext}`;
}

/** Saves `blob` as `name` through a temporary object URL. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
