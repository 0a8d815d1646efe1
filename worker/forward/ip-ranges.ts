/**
 * Special-purpose IP ranges a destination may never point at (IANA special-purpose registries,
 * RFC 6890 and successors), for the canonical host strings the WHATWG URL parser produces:
 * dotted-decimal IPv4 (whatever form was typed: `0177.0.0.1`, `0x7f.1`, `2130706433`, `127.1`)
 * and compressed, lower-case IPv6 without brackets.
 */

/** An IPv4 range: first address as a 32-bit number, prefix length, and what it is. */
type V4Range = [base: number, bits: number, name: string];
/** An IPv6 range: first address as 8 groups, prefix length, and what it is. */
type V6Range = [base: number[], bits: number, name: string];

/** A range from its CIDR; named `<label> (<cidr>)` unless a whole `name` is given. */
function range<T>(parse: (ip: string) => T | null, fallback: T) {
  return (cidr: string, label: string, name = `${label} (${cidr})`): [T, number, string] => {
    const [base = "", bits = ""] = cidr.split("/");
    return [parse(base) ?? fallback, Number(bits), name];
  };
}
const v4 = (a: number, b: number, c: number, d: number) =>
  ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
// parseIpv4/parseIpv6 are hoisted function declarations, so the tables parse at load.
const cidr4 = range(parseIpv4, 0);
const cidr6 = range(parseIpv6, [] as number[]);
const RFC1918 = "a private address (RFC 1918)";

const V4_RANGES: V4Range[] = [
  cidr4("0.0.0.0/8", "an unspecified address"),
  cidr4("10.0.0.0/8", "", RFC1918),
  cidr4("100.64.0.0/10", "a carrier-grade NAT address"),
  cidr4("127.0.0.0/8", "", "a loopback address"),
  cidr4("169.254.0.0/16", "", "a link-local address (169.254.0.0/16, cloud metadata)"),
  cidr4("172.16.0.0/12", "", RFC1918),
  cidr4("192.0.0.0/24", "an IETF protocol address"),
  cidr4("192.168.0.0/16", "", RFC1918),
  cidr4("198.18.0.0/15", "a benchmarking address"),
  cidr4("224.0.0.0/4", "a multicast address"),
  cidr4("255.255.255.255/32", "", "the broadcast address"),
  cidr4("240.0.0.0/4", "a reserved address"),
];

const V6_RANGES: V6Range[] = [
  cidr6("::/128", "", "the unspecified address (::)"),
  cidr6("::1/128", "", "a loopback address"),
  cidr6("::ffff:0:0/96", "an IPv4-mapped address"),
  cidr6("::/96", "an IPv4-compatible address"),
  cidr6("64:ff9b::/96", "a NAT64 address"),
  cidr6("64:ff9b:1::/48", "a NAT64 address"),
  cidr6("2002::/16", "a 6to4 address"),
  cidr6("2001::/32", "a Teredo address"),
  cidr6("2001:db8::/32", "a documentation address"),
  cidr6("fc00::/7", "a unique-local address"),
  cidr6("fe80::/10", "a link-local address"),
  cidr6("fec0::/10", "a site-local address"),
  cidr6("ff00::/8", "a multicast address"),
];

/** The 32-bit value of a dotted-decimal IPv4 address, or null when `host` is not one. */
export function parseIpv4(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  const [a = 0, b = 0, c = 0, d = 0] = parts;
  return v4(a, b, c, d);
}

/** The 8 groups of an IPv6 address (`::` and a trailing dotted IPv4 allowed), or null. */
export function parseIpv6(host: string): number[] | null {
  let text = host.toLowerCase();
  const tail: number[] = [];
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const ip = parseIpv4(dotted[1]);
    if (ip === null) return null;
    tail.push(ip >>> 16, ip & 0xffff);
    // Keep the colon before the IPv4 part only when it belongs to a `::`.
    text = text.slice(0, dotted.index + 1);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  const named = head.length + rest.length + tail.length;
  if (halves.length === 1 ? named !== 8 : named > 7) return null;
  const hex = (g: string) => (/^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : Number.NaN);
  const out = [
    ...head.map(hex),
    ...new Array<number>(8 - named).fill(0),
    ...rest.map(hex),
    ...tail,
  ];
  return out.length === 8 && out.every((g) => Number.isInteger(g)) ? out : null;
}

function inV6(addr: number[], base: number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const take = Math.min(bits, 16);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((addr[i] ?? 0) & mask) !== ((base[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** What special range an IPv4 address (32-bit value) is in, or null when it is public. */
export function ipv4Range(ip: number): string | null {
  for (const [base, bits, name] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((ip & mask) >>> 0 === base) return name;
  }
  return null;
}

/** What special range an IPv6 address (8 groups) is in, or null when it is public. */
export function ipv6Range(groups: number[]): string | null {
  for (const [base, bits, name] of V6_RANGES) if (inV6(groups, base, bits)) return name;
  return null;
}

/** Whether an IPv4 value or IPv6 groups are loopback (127.0.0.0/8, ::1). */
export function isLoopbackIp(ip: number | number[]): boolean {
  return typeof ip === "number" ? ip >>> 24 === 127 : inV6(ip, [0, 0, 0, 0, 0, 0, 0, 1], 128);
}
