/**
 * What the `<chatref-button>` tests share: an ad click's tags, navigation cancelled, and the
 * harness's tap helpers they all use.
 */
export { openChatFrom, pageEvents, waitForBeacons } from "./harness";

/** Query string of an ad click: UTM tags and a gclid. */
export const UTM = "?utm_source=google&utm_medium=cpc&utm_campaign=spring-sale&gclid=TEST123";

/** Cancels navigation on chatref:click so language checks do not open tabs. */
export const CANCEL_NAV = `<script>document.addEventListener("chatref:click", (e) => e.preventDefault());</script>`;
