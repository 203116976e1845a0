// CUBCANVAS_WEBHOOK_ALLOWED_HOSTS: which hosts a callback URL may name. Pure, so that the API (to
// refuse a target at once) and the delivery (to check it again where it is sent) share one rule.

/**
 * One entry: a host name, an IP literal or `*.suffix`, optionally marked `+http` (plain http is
 * allowed, not only https) and `+private` (the host may resolve to loopback, link-local or private
 * addresses: a receiver inside the network, on purpose).
 */
export interface AllowRule {
  /** As written, lower-cased, without the marks: "hooks.example.com", "*.partner.cn", "127.0.0.1". */
  pattern: string;
  http: boolean;
  private: boolean;
}

const MARKS = ['http', 'private'] as const;
// A DNS name (letters, digits, "-", dots), an IPv4 literal, or an IPv6 literal in brackets.
const HOST_PATTERN = /^(?:\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/;

/** Parses the setting; throws an Error whose message says which entry is wrong and why. */
export function parseAllowList(text: string): AllowRule[] {
  const rules: AllowRule[] = [];
  for (const raw of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [host = '', ...marks] = raw.toLowerCase().split('+');
    for (const mark of marks) {
      if (!(MARKS as readonly string[]).includes(mark)) throw new Error(`"${raw}": unknown mark "+${mark}" (marks are +http and +private)`);
    }
    if (host.includes('*') && !/^\*\.[^*]+$/.test(host)) throw new Error(`"${raw}": a wildcard must be the whole first label, as in *.example.com`);
    if (!HOST_PATTERN.test(host)) throw new Error(`"${raw}": "${host}" is not a host name, an IP address or *.suffix (no scheme, port or path)`);
    if (host.startsWith('*.') && !host.slice(2).includes('.'))
      throw new Error(`"${raw}": a wildcard needs a suffix of at least two labels, as in *.example.com`);
    rules.push({ pattern: host, http: marks.includes('http'), private: marks.includes('private') });
  }
  return rules;
}

/** The host as URL gives it (punycode, lower case), without a trailing dot. */
export function normaliseHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/**
 * The rule that allows `hostname`, or undefined. `*.example.com` matches any name below
 * example.com (a.example.com, a.b.example.com) but not example.com itself, as TLS wildcards read;
 * list both to allow both. A wildcard never matches an IP literal.
 */
export function matchHost(rules: readonly AllowRule[], hostname: string): AllowRule | undefined {
  const host = normaliseHost(hostname);
  const exact = rules.find((r) => r.pattern === host);
  if (exact) return exact;
  if (host.startsWith('[') || /^[0-9.]+$/.test(host)) return undefined;
  return rules.find((r) => r.pattern.startsWith('*.') && host.endsWith(r.pattern.slice(1)) && host.length > r.pattern.length - 1);
}
