/**
 * The page a person sees when a printed code points at a link that does not exist or was
 * disabled: friendly, in their language, and with nothing from the request echoed back.
 */
import { direction, pickLang } from "../../widget/i18n";

const TEXTS: Record<string, { title: string; body: string }> = {
  en: {
    title: "This code is no longer active",
    body: "The link may be mistyped, or the campaign it belonged to has ended. Please contact the business directly.",
  },
  ru: {
    title: "Этот код больше не действует",
    body: "Возможно, в ссылке опечатка или акция уже закончилась. Пожалуйста, свяжитесь с компанией напрямую.",
  },
  zh: { title: "此二维码已失效", body: "链接可能有误，或相关活动已结束。请直接联系商家。" },
  es: {
    title: "Este código ya no está activo",
    body: "Puede que el enlace esté mal escrito o que la campaña haya terminado. Contacta directamente con el negocio.",
  },
  pt: {
    title: "Este código não está mais ativo",
    body: "O link pode estar incorreto ou a campanha já terminou. Entre em contato diretamente com a empresa.",
  },
  ar: {
    title: "هذا الرمز لم يعد فعّالًا",
    body: "ربما يحتوي الرابط على خطأ، أو انتهت الحملة المرتبطة به. يُرجى التواصل مع النشاط التجاري مباشرةً.",
  },
  id: {
    title: "Kode ini sudah tidak aktif",
    body: "Tautan mungkin salah ketik, atau kampanyenya sudah berakhir. Silakan hubungi bisnis secara langsung.",
  },
};

/** The 404 page's HTML in the first supported language of `languages`. */
export function linkNotFoundPage(languages: string[]): string {
  const lang = pickLang(...languages);
  const t = TEXTS[lang] ?? (TEXTS.en as { title: string; body: string });
  return `<!doctype html>
<html lang="${lang}" dir="${direction(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${t.title}</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;font:16px/1.5 system-ui,sans-serif;background:#f4f1ec;color:#2b2118}main{max-width:28rem;margin:1.5rem;padding:2rem;background:#fff;border-radius:1rem;box-shadow:0 1px 3px #0002}h1{font-size:1.35rem;margin:0 0 .5rem}p{margin:0;color:#5b4d40}</style></head>
<body><main><h1>${t.title}</h1><p>${t.body}</p></main></body>
</html>`;
}
