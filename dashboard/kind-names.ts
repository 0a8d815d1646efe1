/**
 * Destination kinds by their vendors' names, the same in every language: each locale spreads
 * these into its forwarding strings and overrides only what it translates (ru: "Вебхук",
 * "Яндекс Метрика").
 */
export const KIND_NAMES = {
  kind_ga4: "GA4",
  kind_meta_capi: "Meta CAPI",
  kind_webhook: "Webhook",
  kind_google_ads: "Google Ads",
  kind_tiktok: "TikTok",
  kind_yandex_metrica: "Yandex Metrica",
  kind_microsoft_ads: "Microsoft Ads",
};
