/**
 * The QR texts per language (in widget-ui.js, which lends them to widget-qr.js; widget.js does not carry them): the desktop
 * panel's instruction, its WhatsApp Web link and close button, and the "QR code" that starts a
 * QR image's accessible name. Same languages as `STRINGS` in ../i18n.ts (a test checks it).
 */

/** One language's QR texts; `{app}` in `scan` and `web` is the chat app's name (withApp). */
export interface QrStrings {
  /** The panel's one-line instruction under the code. */
  scan: string;
  /** The panel's link to the same chat in the app's Web or Desktop version. */
  web: string;
  /** Accessible name of the panel's close button. */
  close: string;
  /** "QR code": starts the accessible name of a QR image. */
  qr: string;
}

/** Keyed by the languages of ../i18n.ts. */
export const QR_STRINGS: Readonly<Record<string, QrStrings>> = {
  en: {
    scan: "Scan with your phone's camera to continue on {app}",
    web: "Open {app} Web/Desktop instead",
    close: "Close",
    qr: "QR code",
  },
  ru: {
    scan: "Отсканируйте камерой телефона, чтобы продолжить в {app}",
    web: "Или открыть {app} Web/Desktop",
    close: "Закрыть",
    qr: "QR-код",
  },
  zh: {
    scan: "用手机相机扫描，在 {app} 中继续",
    web: "改用 {app} 网页版/桌面版",
    close: "关闭",
    qr: "二维码",
  },
  es: {
    scan: "Escanea con la cámara de tu teléfono para seguir en {app}",
    web: "O abre {app} Web/Escritorio",
    close: "Cerrar",
    qr: "Código QR",
  },
  pt: {
    scan: "Escaneie com a câmera do celular para continuar no {app}",
    web: "Ou abra o {app} Web/Desktop",
    close: "Fechar",
    qr: "Código QR",
  },
  ar: {
    scan: "امسح الرمز بكاميرا هاتفك للمتابعة على {app}",
    web: "أو افتح {app} ويب/سطح المكتب",
    close: "إغلاق",
    qr: "رمز QR",
  },
  id: {
    scan: "Pindai dengan kamera ponsel untuk lanjut di {app}",
    web: "Atau buka {app} Web/Desktop",
    close: "Tutup",
    qr: "Kode QR",
  },
  fr: {
    scan: "Scannez avec l'appareil photo du téléphone pour continuer sur {app}",
    web: "Ou ouvrir {app} Web/Desktop",
    close: "Fermer",
    qr: "Code QR",
  },
  de: {
    scan: "Mit der Handykamera scannen, um in {app} weiterzuschreiben",
    web: "Oder {app} Web/Desktop öffnen",
    close: "Schließen",
    qr: "QR-Code",
  },
};

/** The QR texts for a supported language code (English when unknown). */
export function qrStrings(lang: string): QrStrings {
  return QR_STRINGS[lang] ?? (QR_STRINGS.en as QrStrings);
}

/** `strings` with the chat app's name (as the language writes it) in place of `{app}`. */
export function withApp(strings: QrStrings, app: string): QrStrings {
  return {
    ...strings,
    scan: strings.scan.replace("{app}", app),
    web: strings.web.replace("{app}", app),
  };
}
