/**
 * The countries a sender is likely in, from what WhatsApp tells: the phone number's calling code
 * or the BSUID's country prefix (`US.1349…`). Used by the inference (infer-score.ts) only as one
 * piece of evidence against the click's country (Cloudflare's `request.cf.country`), so a short
 * table of the common codes is enough: an unknown code is simply no evidence.
 */

/** Calling code → ISO countries (several where a code is shared, e.g. +1, +7). */
const CALLING_CODES: Readonly<Record<string, readonly string[]>> = {
  "1": ["US", "CA"],
  "7": ["RU", "KZ"],
  "20": ["EG"],
  "27": ["ZA"],
  "30": ["GR"],
  "31": ["NL"],
  "32": ["BE"],
  "33": ["FR"],
  "34": ["ES"],
  "36": ["HU"],
  "39": ["IT"],
  "40": ["RO"],
  "41": ["CH"],
  "43": ["AT"],
  "44": ["GB"],
  "45": ["DK"],
  "46": ["SE"],
  "47": ["NO"],
  "48": ["PL"],
  "49": ["DE"],
  "51": ["PE"],
  "52": ["MX"],
  "54": ["AR"],
  "55": ["BR"],
  "56": ["CL"],
  "57": ["CO"],
  "58": ["VE"],
  "60": ["MY"],
  "61": ["AU"],
  "62": ["ID"],
  "63": ["PH"],
  "64": ["NZ"],
  "65": ["SG"],
  "66": ["TH"],
  "81": ["JP"],
  "82": ["KR"],
  "84": ["VN"],
  "86": ["CN"],
  "90": ["TR"],
  "91": ["IN"],
  "92": ["PK"],
  "212": ["MA"],
  "213": ["DZ"],
  "234": ["NG"],
  "254": ["KE"],
  "351": ["PT"],
  "352": ["LU"],
  "353": ["IE"],
  "358": ["FI"],
  "375": ["BY"],
  "380": ["UA"],
  "852": ["HK"],
  "886": ["TW"],
  "961": ["LB"],
  "962": ["JO"],
  "965": ["KW"],
  "966": ["SA"],
  "968": ["OM"],
  "971": ["AE"],
  "972": ["IL"],
  "974": ["QA"],
  "998": ["UZ"],
};

/** The countries a phone number (digits, country code first) belongs to; [] when unknown. */
export function phoneCountries(digits: string | null | undefined): readonly string[] {
  if (!digits) return [];
  for (let len = 3; len >= 1; len--) {
    const found = CALLING_CODES[digits.slice(0, len)];
    if (found) return found;
  }
  return [];
}

/** The country a BSUID names (`US.1349…`, `BR.ENT.…`); null when it names none. */
export function bsuidCountry(userId: string | null | undefined): string | null {
  const match = /^([A-Z]{2})\./.exec(userId ?? "");
  return match?.[1] ?? null;
}

/** The sender's likely countries: the BSUID's when it names one, else the phone's. */
export function senderCountries(sender: {
  waId: string | null;
  userId: string | null;
}): readonly string[] {
  const fromId = bsuidCountry(sender.userId);
  return fromId ? [fromId] : phoneCountries(sender.waId);
}
