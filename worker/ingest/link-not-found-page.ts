/**
 * The pages a person sees when a printed code points at a link that does not exist or was
 * disabled, or when their network has scanned too often this minute (the rate limit): friendly,
 * in their language, and with nothing from the request echoed back.
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

const BUSY: Record<string, { title: string; body: string; open: string }> = {
  en: {
    title: "Too many scans right now",
    body: "Many scans came from your network in the last minute. Please try again in a minute, or open the chat directly.",
    open: "Open WhatsApp",
  },
  ru: {
    title: "Слишком много сканирований",
    body: "С вашей сети за последнюю минуту было много сканирований. Попробуйте через минуту или откройте чат напрямую.",
    open: "Открыть WhatsApp",
  },
  zh: {
    title: "扫描次数过多",
    body: "过去一分钟内您的网络扫描次数过多。请一分钟后再试，或直接打开聊天。",
    open: "打开 WhatsApp",
  },
  es: {
    title: "Demasiados escaneos ahora mismo",
    body: "Tu red hizo muchos escaneos en el último minuto. Inténtalo de nuevo en un minuto o abre el chat directamente.",
    open: "Abrir WhatsApp",
  },
  pt: {
    title: "Muitas leituras agora",
    body: "Sua rede fez muitas leituras no último minuto. Tente novamente em um minuto ou abra a conversa diretamente.",
    open: "Abrir WhatsApp",
  },
  ar: {
    title: "عدد كبير من عمليات المسح الآن",
    body: "أجرت شبكتك عمليات مسح كثيرة خلال الدقيقة الماضية. يُرجى المحاولة بعد دقيقة، أو فتح المحادثة مباشرةً.",
    open: "فتح واتساب",
  },
  id: {
    title: "Terlalu banyak pemindaian",
    body: "Jaringan Anda melakukan banyak pemindaian dalam satu menit terakhir. Coba lagi sebentar lagi, atau buka obrolan langsung.",
    open: "Buka WhatsApp",
  },
};

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}" dir="${direction(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title>
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;font:16px/1.5 system-ui,sans-serif;background:#f4f1ec;color:#2b2118}main{max-width:28rem;margin:1.5rem;padding:2rem;background:#fff;border-radius:1rem;box-shadow:0 1px 3px #0002}h1{font-size:1.35rem;margin:0 0 .5rem}p{margin:0;color:#5b4d40}a{display:inline-block;margin-top:1rem;color:#0b6b3a}</style></head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`;
}

/** The 404 page's HTML in the first supported language of `languages`. */
export function linkNotFoundPage(languages: string[]): string {
  const lang = pickLang(...languages);
  const t = TEXTS[lang] ?? (TEXTS.en as { title: string; body: string });
  return page(lang, t.title, `<p>${t.body}</p>`);
}

/**
 * The 429 page: try again in a minute, or open the chat without a ref (nothing is recorded, so
 * a person behind a busy carrier address still reaches the business). `chat` is a wa.me URL
 * built by the Worker from the site's number, never from the request; absent for unknown codes.
 */
export function scanRateLimitedPage(languages: string[], chat?: string): string {
  const lang = pickLang(...languages);
  const t = BUSY[lang] ?? (BUSY.en as { title: string; body: string; open: string });
  return page(lang, t.title, `<p>${t.body}</p>${chat ? `<a href="${chat}">${t.open}</a>` : ""}`);
}
