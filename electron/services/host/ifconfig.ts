/**
 * net-tools `ifconfig -a` output, reproduced from {@link HostInterface} data. The layout,
 * the byte units and the interface order follow net-tools 2.10 (lib/interface.c
 * `ife_print_long`, lib/nstrcmp.c), as Debian ships it, with one exception: net-tools 2.10
 * prints all-zero counters for interfaces whose name has 15 characters (the maximum; every
 * Docker `br-<12 hex>` bridge), and here the real counters are printed.
 */
import type { HostInterface } from '../../shared/types'
import { IFF, ipv6ScopeId } from './parse'

const INDENT = '        '

/**
 * ifconfig's "(1.2 KiB)": one decimal, truncated, binary units, and a unit only once the
 * value is strictly greater than it (1024 bytes print as "1024.0 B").
 */
export function formatBytes(bytes: number): string {
  const value = BigInt(Math.max(0, Math.trunc(bytes)))
  const units: Array<[bigint, string]> = [
    [1125899906842624n, 'PiB'],
    [1099511627776n, 'TiB'],
    [1073741824n, 'GiB'],
    [1048576n, 'MiB'],
    [1024n, 'KiB'],
  ]
  let tenths = value * 10n
  let unit = 'B'
  for (const [size, name] of units) {
    if (value > size) {
      tenths = name === 'PiB' && value > 9223372036854775807n / 10n ? value / 112589990684262n : tenths / size
      unit = name
      break
    }
  }
  return `${tenths / 10n}.${tenths % 10n} ${unit}`
}

/** C `isdigit` on a byte. */
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39

/** C `atoi` on the leading digits of some bytes. */
function atoi(bytes: Uint8Array): number {
  let n = 0
  for (let i = 0; i < bytes.length && isDigit(bytes[i]); i++) n = n * 10 + (bytes[i] - 0x30)
  return n
}

/** Splits a numeric `:N` alias suffix off a name (net-tools `cutalias`). */
function cutAlias(name: Uint8Array): { base: Uint8Array; alias: Uint8Array | null } {
  let digit = false
  for (let pos = name.length; pos > 0; pos--) {
    if (name[pos - 1] === 0x3a && digit) return { base: name.subarray(0, pos - 1), alias: name.subarray(pos) }
    if (!isDigit(name[pos - 1])) break
    digit = true
  }
  return { base: name, alias: null }
}

/** Length of a name without its trailing digits (net-tools `rindex_nondigit`). */
function stemLength(name: Uint8Array): number {
  for (let pos = name.length; pos > 0; pos--) if (!isDigit(name[pos - 1])) return pos
  return 0
}

/**
 * net-tools' `nstrcmp` (lib/nstrcmp.c): compares the names without their trailing number
 * byte-wise, then that number by value, then a `:N` alias suffix (eth2 < eth10 < eth10:1).
 * Names that differ only in leading zeros of the number compare equal.
 */
export function nstrcmp(left: string, right: string): number {
  const enc = new TextEncoder()
  const a = cutAlias(enc.encode(left))
  const b = cutAlias(enc.encode(right))
  const ai = stemLength(a.base)
  const bi = stemLength(b.base)
  for (let k = 0; k < Math.min(ai, bi); k++) {
    if (a.base[k] !== b.base[k]) return a.base[k] - b.base[k]
  }
  if (ai !== bi) return ai > bi ? 1 : -1
  const av = atoi(a.base.subarray(ai))
  const bv = atoi(b.base.subarray(bi))
  if (av !== bv) return av < bv ? -1 : 1
  const aa = a.alias ? atoi(a.alias) : -1
  const ba = b.alias ? atoi(b.alias) : -1
  return aa === ba ? 0 : aa < ba ? -1 : 1
}

/**
 * The order `ifconfig -a` lists interfaces in: net-tools inserts each name from
 * /proc/net/dev into a list kept sorted by {@link nstrcmp}, and a name that compares
 * equal to one already listed is taken for that interface (so it is not printed twice).
 */
export function ifconfigOrder<T extends { name: string; index: number }>(ifaces: readonly T[]): T[] {
  const list: T[] = []
  for (const iface of [...ifaces].sort((x, y) => x.index - y.index)) {
    let at = list.length - 1
    let duplicate = false
    for (; at >= 0; at--) {
      const n = nstrcmp(list[at].name, iface.name)
      if (n === 0) duplicate = true
      if (n <= 0) break
    }
    if (!duplicate) list.splice(at + 1, 0, iface)
  }
  return list
}

function flagsField(value: number, names: readonly string[]): string {
  let s = `flags=${value}<`
  if (value === 0) s += '>'
  s += names.map((n) => `${n},`).join('')
  return s.endsWith(',') ? `${s.slice(0, -1)}>` : s.slice(0, -1)
}

/** The hardware line: `ether <mac>`, `loop`, or net-tools' UNSPEC dump for address-less devices. */
function hardwareLine(iface: HostInterface): string {
  const qlen = `  txqueuelen ${iface.txqueuelen}`
  if (iface.kind === 'loopback') return `${INDENT}loop${qlen}  (Local Loopback)`
  const bytes = (iface.mac ?? '').split(':').filter((b) => b !== '')
  if (bytes.length === 6) return `${INDENT}ether ${iface.mac}${qlen}  (Ethernet)`
  // SIOCGIFHWADDR copies at most 8 bytes; pr_unspec prints sizeof(struct sockaddr) of them.
  const unspec = Array.from({ length: 16 }, (_, i) => (i < 8 && bytes[i] ? bytes[i].toUpperCase().padStart(2, '0') : '00'))
  return `${INDENT}unspec ${unspec.join('-')}${qlen}  (UNSPEC)`
}

/** One interface block, including the blank line that ends it. */
export function formatInterface(iface: HostInterface): string {
  const lines: string[] = [`${iface.name}: ${flagsField(iface.flagsValue, iface.flags)}  mtu ${iface.mtu}`]
  const v4 = iface.ipv4[0]
  if (v4) {
    let line = `${INDENT}inet ${v4.address}  netmask ${v4.netmask}`
    if (iface.flagsValue & IFF.BROADCAST) line += `  broadcast ${v4.broadcast ?? '0.0.0.0'}`
    // Without a configured peer the kernel answers SIOCGIFDSTADDR with the local address.
    if (iface.flagsValue & IFF.POINTOPOINT) line += `  destination ${v4.address}`
    lines.push(line)
  }
  for (const a of iface.ipv6) {
    lines.push(`${INDENT}inet6 ${a.address}  prefixlen ${a.prefixLen}  scopeid 0x${ipv6ScopeId(a.scope).toString(16)}<${a.scope}>`)
  }
  lines.push(hardwareLine(iface))
  const { rx, tx } = iface
  lines.push(`${INDENT}RX packets ${rx.packets}  bytes ${rx.bytes} (${formatBytes(rx.bytes)})`)
  lines.push(`${INDENT}RX errors ${rx.errors}  dropped ${rx.dropped}  overruns ${rx.overruns}  frame ${rx.frame}`)
  lines.push(`${INDENT}TX packets ${tx.packets}  bytes ${tx.bytes} (${formatBytes(tx.bytes)})`)
  lines.push(
    `${INDENT}TX errors ${tx.errors}  dropped ${tx.dropped} overruns ${tx.overruns}  carrier ${tx.carrier}  collisions ${tx.collisions}`,
  )
  return `${lines.join('\n')}\n\n`
}

/**
 * What `ifconfig -a` (or `ifconfig <name>`) prints for these interfaces. An unknown name
 * gives an empty string.
 */
export function formatIfconfig(ifaces: HostInterface[], name?: string): string {
  if (name !== undefined) {
    const one = ifaces.find((i) => i.name === name)
    return one ? formatInterface(one) : ''
  }
  return ifconfigOrder(ifaces).map(formatInterface).join('')
}
