// IPv4/IPv6 addresses and CIDRs as bigints, without Node built-ins (core runs in browsers too).

export type IPFamily = 'IPv4' | 'IPv6';

export interface IP {
  readonly family: IPFamily;
  readonly value: bigint;
}

export interface CIDR {
  readonly family: IPFamily;
  /** Network address (host bits cleared). */
  readonly base: bigint;
  readonly prefix: number;
  /** Number of addresses in the range. */
  readonly size: bigint;
}

function bits(f: IPFamily): number {
  return f === 'IPv4' ? 32 : 128;
}

export function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    // Go's net.ParseIP rejects leading zeros ("010"), as the API server does.
    if (p.length > 1 && p.startsWith('0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIPv6(s: string): bigint | undefined {
  if (s.length === 0 || s.length > 45 || s.includes('%')) return undefined;
  let text = s;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(parseInt(g, 16)));
    }
    return out;
  };
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (!head || !rest) return undefined;
  let groups: bigint[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<bigint>(missing).fill(0n), ...rest];
  } else groups = head;
  if (groups.length !== 8) return undefined;
  if (tail.length) groups = [...groups.slice(0, 6), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function parseIP(s: string): IP | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { family: 'IPv4', value: v4 };
  const v6 = parseIPv6(s);
  if (v6 !== undefined) {
    // IPv4-mapped IPv6 addresses count as IPv4, as in Go's net package.
    if (v6 >> 32n === 0xffffn) return { family: 'IPv4', value: v6 & 0xffffffffn };
    return { family: 'IPv6', value: v6 };
  }
  return undefined;
}

export function parseCIDR(s: string): CIDR | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const ps = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(ps)) return undefined;
  const prefix = Number(ps);
  const total = bits(ip.family);
  if (prefix > total) return undefined;
  const hostBits = BigInt(total - prefix);
  const base = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, base, prefix, size: 1n << hostBits };
}

export function cidrContains(c: CIDR, ip: IP): boolean {
  return c.family === ip.family && ip.value >= c.base && ip.value < c.base + c.size;
}

export function formatIP(ip: IP): string {
  if (ip.family === 'IPv4') {
    const v = ip.value;
    return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  // Compress the longest run of two or more zero groups (RFC 5952).
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

/** The address at `offset` from the CIDR's base. */
export function addressAt(c: CIDR, offset: bigint): IP {
  return { family: c.family, value: c.base + offset };
}

export function isLoopback(ip: IP): boolean {
  return ip.family === 'IPv4' ? ip.value >> 24n === 127n : ip.value === 1n;
}

export function isLinkLocalUnicast(ip: IP): boolean {
  return ip.family === 'IPv4' ? ip.value >> 16n === 0xa9fen : ip.value >> 118n === 0x3fan;
}

export function isLinkLocalMulticast(ip: IP): boolean {
  return ip.family === 'IPv4' ? ip.value >> 8n === 0xe00000n : ip.value >> 112n === 0xff02n;
}

export function isUnspecified(ip: IP): boolean {
  return ip.value === 0n;
}
