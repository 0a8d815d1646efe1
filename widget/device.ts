/** Desktop or phone: decides whether a tap shows the QR panel or opens the chat directly. */

/**
 * True on a desktop: the primary pointer is fine (a mouse or trackpad) and neither User-Agent
 * Client Hints nor the user agent say mobile. Tablets (coarse pointer) and Android devices
 * with a mouse count as phones: they have the WhatsApp app.
 */
export function isDesktop(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { mobile?: boolean } };
  const mobile = nav.userAgentData?.mobile || /Android|iPhone|iPad|iPod|Mobi/i.test(nav.userAgent);
  return !mobile && matchMedia("(pointer: fine)").matches;
}
