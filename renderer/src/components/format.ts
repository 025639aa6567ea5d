/** Small formatters shared by the tables. Units stay technical (B/s, KiB/s) in every language. */
import type { Endpoint, PortBinding } from '@shared/types'

const RATE_UNITS = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s', 'TiB/s']

/** Bytes per second in binary units, like ifconfig's byte counts: "0 B/s", "1.5 KiB/s". */
export function formatRate(bytesPerSec: number | null | undefined): string {
  if (bytesPerSec === null || bytesPerSec === undefined || !Number.isFinite(bytesPerSec) || bytesPerSec <= 0) return '0 B/s'
  let value = bytesPerSec
  let unit = 0
  while (value >= 1024 && unit < RATE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${RATE_UNITS[unit]}`
}

/** Packets per second, rounded the way a person reads a live figure. */
export function formatPacketRate(packetsPerSec: number | null | undefined): string {
  if (!packetsPerSec || !Number.isFinite(packetsPerSec) || packetsPerSec <= 0) return '0 pkt/s'
  return `${packetsPerSec < 10 ? packetsPerSec.toFixed(1) : Math.round(packetsPerSec)} pkt/s`
}

export function formatCount(value: number, locale: string): string {
  return value.toLocaleString(locale === 'ko' ? 'ko-KR' : 'en-US')
}

/** One published port the way `docker ps` prints it: `0.0.0.0:8080->80/tcp`, or `80/tcp` when only exposed. */
export function formatPort(port: PortBinding): string {
  const target = `${port.containerPort}/${port.protocol}`
  if (port.hostPort === null) return target
  const ip = port.hostIp ?? '0.0.0.0'
  const host = ip === '::' ? ':::' : ip.includes(':') ? `[${ip}]:` : `${ip}:`
  return `${host}${port.hostPort}->${target}`
}

/** Ports in the order `docker ps` lists them: by container port, IPv4 bindings before IPv6. */
export function sortedPorts(ports: readonly PortBinding[]): PortBinding[] {
  const family = (p: PortBinding): number => (p.hostIp?.includes(':') ? 1 : 0)
  return [...ports].sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol) || family(a) - family(b) || (a.hostPort ?? 0) - (b.hostPort ?? 0))
}

export function endpointIpv4(endpoint: Pick<Endpoint, 'ipv4' | 'prefixLen'>): string | null {
  if (!endpoint.ipv4) return null
  return endpoint.prefixLen === null ? endpoint.ipv4 : `${endpoint.ipv4}/${endpoint.prefixLen}`
}

export function endpointIpv6(endpoint: Pick<Endpoint, 'ipv6' | 'ipv6PrefixLen'>): string | null {
  if (!endpoint.ipv6) return null
  return endpoint.ipv6PrefixLen === null ? endpoint.ipv6 : `${endpoint.ipv6}/${endpoint.ipv6PrefixLen}`
}

/** Short id as the docker CLI prints it. */
export const shortId = (id: string): string => id.slice(0, 12)
