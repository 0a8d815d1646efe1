/** The leads table's contact cell (dashboard/leads-panel.ts): who, and the chat app when not WhatsApp. */
import { describe, expect, it } from "vitest";
import { contactLabel } from "../../dashboard/leads-panel";

const contact = { id: "ct_1", wa_id: null, user_id: null, username: null, name: null };

describe("contactLabel", () => {
  it("names the person, then the chat app unless it is WhatsApp", () => {
    expect(contactLabel({ ...contact, name: "Ana", wa_id: "15551234567" })).toBe("Ana");
    expect(contactLabel({ ...contact, wa_id: "15551234567" }, "whatsapp")).toBe("…4567");
    expect(contactLabel({ ...contact, username: "ana_k" }, "telegram")).toBe("@ana_k · Telegram");
    expect(contactLabel({ ...contact, name: "Li" }, "instagram")).toBe("Li · Instagram");
    expect(contactLabel(contact, "messenger")).toBe("— · Messenger");
  });
});
