/**
 * The phone simulator's lead details (demo/phone.js): attribution, ref, who the contact is, and
 * the touch and ad referral the lead carries, as a definition list.
 */

function row(list, term, value) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  list.append(dt, dd);
}

/** Appends `lead`'s details (a lead of GET /api/v1/leads) to the `<dl>` `list`. */
export function showLeadRows(list, lead) {
  row(list, "Attribution", lead.attribution);
  row(list, "Ref", lead.ref ? `${lead.ref.slice(0, 5)}-${lead.ref.slice(5)}` : "—");
  const ids = [
    lead.contact.wa_id,
    lead.contact.username ? `@${lead.contact.username}` : null,
    lead.contact.user_id,
  ].filter(Boolean);
  // A Messenger or Instagram contact has no phone or username: named by its app.
  const app =
    lead.provider === lead.channel ? lead.channel : `${lead.channel} via ${lead.provider}`;
  const named = ids.length ? ids.join(", ") : `a ${app} contact`;
  row(list, "Contact", lead.contact.name ? `${lead.contact.name} (${named})` : named);
  for (const [field, value] of Object.entries(lead.touch ?? {})) {
    if (value !== null && value !== "") row(list, field, String(value));
  }
  if (lead.ctwa) {
    for (const [field, value] of Object.entries(lead.ctwa))
      if (value !== null) row(list, `ctwa.${field}`, String(value));
  }
}
