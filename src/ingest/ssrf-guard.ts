import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; injected so tests never touch DNS or the network. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The operating system's resolver (getaddrinfo: /etc/hosts, then DNS). */
export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
};

/** The guard's verdict: the addresses to connect to (pinned, so DNS cannot change between check and use), or why not. */
export type GuardDecision =
  | { ok: true; url: URL; addresses: ResolvedAddress[] }
  | {
      ok: false;
      url?: URL;
      /** Safe to show a chat user: never says what a name resolves to. */
      reason: string;
      /** For the log and the operator's CLI only: the address and the range it fell in. */
      detail?: string;
      /** Safe to show a chat user: which setting an operator changes to allow it. */
      hint?: string;
      unresolved?: boolean;
    };

/** Checks a URL before any connection is made to it. */
export interface SsrfGuard {
  readonly allowPrivate: boolean;
  check(url: string | URL): Promise<GuardDecision>;
}

type Range4 = [base: number, prefix: number, label: string];

const V4_RANGES: Range4[] = [
  [ip4('0.0.0.0'), 8, '"this network" (0.0.0.0/8)'],
  [ip4('10.0.0.0'), 8, 'a private address (10.0.0.0/8)'],
  [ip4('100.64.0.0'), 10, 'a carrier-grade NAT address (100.64.0.0/10)'],
  [ip4('127.0.0.0'), 8, 'a loopback address (127.0.0.0/8)'],
  [ip4('169.254.169.254'), 32, 'the cloud metadata address (169.254.169.254)'],
  [ip4('169.254.0.0'), 16, 'a link-local address (169.254.0.0/16)'],
  [ip4('172.16.0.0'), 12, 'a private address (172.16.0.0/12)'],
  [ip4('192.0.0.0'), 24, 'an IETF protocol address (192.0.0.0/24)'],
  [ip4('192.0.2.0'), 24, 'a documentation address (192.0.2.0/24)'],
  [ip4('192.168.0.0'), 16, 'a private address (192.168.0.0/16)'],
  [ip4('198.18.0.0'), 15, 'a benchmarking address (198.18.0.0/15)'],
  [ip4('198.51.100.0'), 24, 'a documentation address (198.51.100.0/24)'],
  [ip4('203.0.113.0'), 24, 'a documentation address (203.0.113.0/24)'],
  [ip4('224.0.0.0'), 4, 'a multicast address (224.0.0.0/4)'],
  [ip4('240.0.0.0'), 4, 'a reserved address (240.0.0.0/4)'],
];

function ip4(text: string): number {
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Why an IPv4 address is off limits, or undefined when it is a public address. */
export function blockedIPv4(address: string): string | undefined {
  if (isIP(address) !== 4) return 'not an IPv4 address';
  const value = ip4(address);
  for (const [base, prefix, label] of V4_RANGES) {
    const size = 2 ** (32 - prefix);
    if (value >= base && value < base + size) return label;
  }
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (embedded dotted IPv4 and zone ids handled). */
export function ipv6Groups(address: string): number[] | undefined {
  let text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    if (isIP(dotted[1]) !== 4) return undefined;
    const v = ip4(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) =>
    /^[0-9a-f]{1,4}$/i.test(g) ? Number.parseInt(g, 16) : Number.NaN,
  );
  return groups.length === 8 && groups.every((g) => !Number.isNaN(g)) ? groups : undefined;
}

function embeddedV4(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** Why an IPv6 address is off limits (IPv4 inside it checked as IPv4), or undefined when public. */
export function blockedIPv6(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (!g) return 'not an IPv6 address';
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return 'the unspecified address (::)';
  if (zeroTo(7) && g7 === 1) return 'a loopback address (::1)';
  const inner = (label: string, v4: string) => {
    const why = blockedIPv4(v4);
    return why ? `${label} wrapping ${why}` : undefined;
  };
  if (zeroTo(5) && g5 === 0xffff) return inner('an IPv4-mapped address', embeddedV4(g6, g7));
  if (zeroTo(6)) return inner('an IPv4-compatible address', embeddedV4(g6, g7));
  // SIIT (RFC 2765/6145) translates these to IPv4 on the way; whichever IPv4 host answers is unvetted.
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return 'an IPv4-translated address (::ffff:0:0:0/96)';
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return inner('a NAT64 address', embeddedV4(g6, g7));
  // RFC 8215: a local NAT64 prefix may embed the IPv4 address at several offsets and reach any network.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'a local-use NAT64 address (64:ff9b:1::/48)';
  if (g0 === 0x2002) return inner('a 6to4 address', embeddedV4(g1, g2));
  if (g0 === 0x2001 && g1 === 0) return 'a Teredo tunnel address (2001::/32)';
  if (g0 === 0x2001 && g1 === 0xdb8) return 'a documentation address (2001:db8::/32)';
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'a discard address (100::/64)';
  if ((g0 & 0xfe00) === 0xfc00) return 'a unique-local address (fc00::/7)';
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local address (fe80::/10)';
  if ((g0 & 0xffc0) === 0xfec0) return 'a site-local address (fec0::/10)';
  if ((g0 & 0xff00) === 0xff00) return 'a multicast address (ff00::/8)';
  return undefined;
}

/** Cloud metadata endpoints (AWS, GCP, Azure, Oracle; AWS ECS task metadata; Alibaba), which hand out credentials. */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '169.254.169.253', '100.100.100.200']);

/**
 * Which cloud metadata address this is (in any IPv4 or IPv6 spelling), or undefined. These stay refused
 * when ALLOW_PRIVATE_NETWORKS opens the intranet: a feed URL that reaches one can read the host's keys.
 */
export function metadataAddress(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return METADATA_V4.has(bare) ? `the cloud metadata address ${bare}` : undefined;
  if (family !== 6) return undefined;
  const g = ipv6Groups(bare);
  if (!g) return undefined;
  // AWS's IPv6 metadata endpoint, fd00:ec2::254.
  if (g[0] === 0xfd00 && g[1] === 0xec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254)
    return 'the cloud metadata address fd00:ec2::254';
  // IPv4 inside IPv6 (mapped, compatible, NAT64): the same endpoint by another name.
  const v4 = embeddedV4(g[6]!, g[7]!);
  const wraps =
    (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) ||
    (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0));
  return wraps && METADATA_V4.has(v4) ? `the cloud metadata address ${v4} (wrapped in IPv6)` : undefined;
}

/** Why an IP address (either family) is off limits, or undefined when it is public. */
export function blockedAddress(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.replace(/%.*$/, ''));
  if (family === 4) return blockedIPv4(bare);
  if (family === 6) return blockedIPv6(bare);
  return 'not an IP address';
}

/** How an operator opens private networks: one wording for the CLI's detail and the chat reply's hint. */
export const PRIVATE_NETWORKS_HINT = 'set ALLOW_PRIVATE_NETWORKS=true to allow intranet sources';
/**
 * The one answer chat users get for every refused address: naming the address or its range would let
 * an admin map internal DNS ("db.internal resolves to 10.0.3.7") one /sources add at a time.
 */
const NOT_PUBLIC = 'is not a public address (private, loopback or link-local networks are not allowed)';
/** Where an operator learns why a host name was refused, when the chat reply may not say. */
export const LOG_HINT = "read the bot's log, which names the address and the setting that opens it";
/** How an operator opens the cloud metadata addresses, which ALLOW_PRIVATE_NETWORKS leaves shut. */
export const METADATA_HINT = 'set ALLOW_METADATA_ADDRESSES=true only if a source really lives there';
const refused = (url: URL, host: string, detail: string): Extract<GuardDecision, { ok: false }> => ({
  ok: false,
  url,
  reason: `${host} ${NOT_PUBLIC}`,
  detail: `refused: ${detail} (${PRIVATE_NETWORKS_HINT})`,
  hint: PRIVATE_NETWORKS_HINT,
});
/**
 * A metadata address refused. While private networks are shut the chat user gets the answer every
 * refusal gets; once they are open "private networks are not allowed" would be false, so the reason
 * changes. Only a literal the user typed is named as a metadata address: for a host name that would
 * say what the name resolves to. The operator's detail always names the address and the setting.
 */
const refusedMetadata = (
  url: URL,
  host: string,
  detail: string,
  options: { allowPrivate: boolean; literal: boolean },
): GuardDecision => ({
  ...refused(url, host, detail),
  detail: `refused: ${detail} (${METADATA_HINT})`,
  ...(options.allowPrivate
    ? {
        reason: options.literal
          ? `${host} is a cloud metadata address, refused even with private networks allowed`
          : `${host} is not an address sources may use, even with private networks allowed`,
        // Naming ALLOW_METADATA_ADDRESSES for a host name would say what the name resolves to.
        hint: options.literal ? METADATA_HINT : LOG_HINT,
      }
    : {}),
});

/** Creates the guard every outgoing request (and every redirect hop) goes through. */
export function createSsrfGuard(options: {
  allowPrivate: boolean;
  /** Opens the cloud metadata addresses too (ALLOW_METADATA_ADDRESSES); never implied by allowPrivate. */
  allowMetadata?: boolean;
  resolve?: Resolver;
}): SsrfGuard {
  const resolve = options.resolve ?? systemResolver;
  return {
    allowPrivate: options.allowPrivate,
    async check(input) {
      let url: URL;
      try {
        url = typeof input === 'string' ? new URL(input) : input;
      } catch {
        return { ok: false, reason: `"${String(input)}" is not a valid URL` };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { ok: false, url, reason: `only http and https URLs can be fetched, not ${url.protocol}` };
      }
      // WHATWG URL parsing already turned 127.1, 0x7f000001 and 2130706433 into 127.0.0.1.
      // Trailing dots name the same host (`localhost.` is localhost): drop them before any check.
      const host = url.hostname
        .replace(/^\[|\]$/g, '')
        .toLowerCase()
        .replace(/\.+$/, '');
      const literal = isIP(host);
      const metadata = (address: string) => (options.allowMetadata ? undefined : metadataAddress(address));
      if (literal) {
        const address: ResolvedAddress = { address: host, family: literal === 6 ? 6 : 4 };
        const cloud = metadata(host);
        if (cloud)
          return refusedMetadata(url, host, `${host} is ${cloud}`, {
            allowPrivate: options.allowPrivate,
            literal: true,
          });
        const why = blockedAddress(host);
        if (why && !options.allowPrivate) return refused(url, host, `${host} is ${why}`);
        return { ok: true, url, addresses: [address] };
      }
      if (!options.allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) {
        return refused(url, host, `${host} is a loopback name`);
      }
      let addresses: ResolvedAddress[];
      try {
        addresses = await resolve(host);
      } catch (error) {
        const code = (error as { code?: string }).code;
        return {
          ok: false,
          url,
          reason: `could not resolve ${host}${code ? ` (${code})` : ''}`,
          unresolved: true,
        };
      }
      if (addresses.length === 0)
        return { ok: false, url, reason: `could not resolve ${host}`, unresolved: true };
      for (const { address } of addresses) {
        const cloud = metadata(address);
        if (cloud)
          return refusedMetadata(url, host, `${host} resolves to ${address}, ${cloud}`, {
            allowPrivate: options.allowPrivate,
            literal: false,
          });
      }
      if (!options.allowPrivate) {
        // Every address must be public: a client may pick any of them, and a mixed answer is a rebinding trick.
        for (const { address } of addresses) {
          const why = blockedAddress(address);
          if (why) return refused(url, host, `${host} resolves to ${address}, ${why}`);
        }
      }
      return { ok: true, url, addresses };
    },
  };
}
