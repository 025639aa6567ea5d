/** Minimal IPv4 arithmetic for placing containers by address. */

export interface Ipv4Subnet {
  /** Network address as an unsigned 32-bit number. */
  base: number
  prefixLen: number
  size: number
}

/** Parses dotted-quad IPv4; null for anything else (IPv6, garbage). */
export function parseIpv4(text: string | null | undefined): number | null {
  if (!text) return null
  let value = 0
  let octet = -1
  let dots = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 46) {
      if (octet < 0 || ++dots > 3) return null
      value = value * 256 + octet
      octet = -1
    } else if (code >= 48 && code <= 57) {
      octet = octet < 0 ? code - 48 : octet * 10 + code - 48
      if (octet > 255) return null
    } else return null
  }
  if (dots !== 3 || octet < 0) return null
  return value * 256 + octet
}

/** Parses "a.b.c.d/n"; null for IPv6 or malformed subnets. */
export function parseIpv4Subnet(cidr: string | null | undefined): Ipv4Subnet | null {
  if (!cidr) return null
  const slash = cidr.indexOf('/')
  if (slash < 0) return null
  const address = parseIpv4(cidr.slice(0, slash))
  const prefixLen = Number(cidr.slice(slash + 1))
  if (address === null || !Number.isInteger(prefixLen) || prefixLen < 0 || prefixLen > 32) return null
  const size = 2 ** (32 - prefixLen)
  const base = address - (address % size)
  return { base, prefixLen, size }
}

/**
 * The position of an address among the usable addresses of a network's subnets: 0 for the
 * first address after the gateway (.2 in a Docker subnet whose gateway is .1), counting on
 * through later subnets. Null when the address is in none of them.
 */
export function addressIndex(ip: number, subnets: readonly Ipv4Subnet[]): number | null {
  let offset = 0
  for (const subnet of subnets) {
    if (ip >= subnet.base && ip < subnet.base + subnet.size) {
      return offset + Math.max(0, ip - subnet.base - 2)
    }
    offset += subnet.size
  }
  return null
}
