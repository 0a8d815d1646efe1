/**
 * The opt-in checkbox's text per language (`{business}` is the business name), in
 * widget-optin.js with the box: widget.js does not carry them. Same languages as `STRINGS` in
 * ../i18n.ts (a test checks it).
 */
export const OPTIN_STRINGS: Readonly<Record<string, string>> = {
  en: "Send me offers from {business} on WhatsApp",
  ru: "Получать акции от {business} в WhatsApp",
  zh: "通过 WhatsApp 接收 {business} 的优惠",
  es: "Recibir ofertas de {business} por WhatsApp",
  pt: "Receber ofertas de {business} pelo WhatsApp",
  ar: "تلقي العروض من {business} عبر واتساب",
  id: "Terima promo dari {business} lewat WhatsApp",
  fr: "Recevoir les offres de {business} sur WhatsApp",
  de: "Angebote von {business} per WhatsApp erhalten",
};
