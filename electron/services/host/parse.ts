/**
 * Pure parsing for the host interface readers. Both the direct reader (this machine's
 * sysfs, procfs and `ip -j`) and the helper-container reader (a busybox dump from the
 * engine's VM) collect the same {@link RawHostData} and hand it to
 * {@link buildHostInterfaces}, so the two paths cannot drift apart.
 *
 * Nothing here touches the file system or spawns processes.
 */
import type {
  HostInterface,
  InterfaceKind,
  Ipv4Address,
  Ipv6Address,
  RxCounters,
  TxCounters,
} from '../../shared/types'

/** Kernel `IFF_*` interface flags (include/uapi/linux/if.h). */
export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  DEBUG: 0x4,
  LOOPBACK: 0x8,
  POINTOPOINT: 0x10,
  NOTRAILERS: 0x20,
  RUNNING: 0x40,
  NOARP: 0x80,
  PROMISC: 0x100,
  ALLMULTI: 0x200,
  MASTER: 0x400,
  SLAVE: 0x800,
  MULTICAST: 0x1000,
  PORTSEL: 0x2000,
  AUTOMEDIA: 0x4000,
  DYNAMIC: 0x8000,
  LOWER_UP: 0x10000,
  DORMANT: 0x20000,
  ECHO: 0x40000,
} as const

/** ARPHRD_* hardware types that matter here. */
export const ARPHRD = { ETHER: 1, LOOPBACK: 772, NONE: 65534 } as const

/** The names net-tools ifconfig prints, in its order (lib/interface.c, ife_print_long). */
const IFCONFIG_FLAG_ORDER: ReadonlyArray<[string, number]> = [
  ['UP', IFF.UP],
  ['BROADCAST', IFF.BROADCAST],
  ['DEBUG', IFF.DEBUG],
  ['LOOPBACK', IFF.LOOPBACK],
  ['POINTOPOINT', IFF.POINTOPOINT],
  ['NOTRAILERS', IFF.NOTRAILERS],
  ['RUNNING', IFF.RUNNING],
  ['NOARP', IFF.NOARP],
  ['PROMISC', IFF.PROMISC],
  ['ALLMULTI', IFF.ALLMULTI],
  ['SLAVE', IFF.SLAVE],
  ['MASTER', IFF.MASTER],
  ['MULTICAST', IFF.MULTICAST],
  ['DYNAMIC', IFF.DYNAMIC],
]

/** Flag names as net-tools ifconfig prints them for a flags value, in ifconfig's order. */
export function flagNames(value: number): string[] {
  return IFCONFIG_FLAG_ORDER.filter(([, bit]) => (value & bit) !== 0).map(([name]) => name)
}

/**
 * The value `SIOCGIFFLAGS` returns, i.e. what ifconfig prints after `flags=`.
 *
 * sysfs `flags` is the device's raw `dev->flags`; the ioctl and netlink report
 * `dev_get_flags()` instead (net/core/dev.c), which differs in two ways:
 * - RUNNING, LOWER_UP and DORMANT are never in `dev->flags`; RUNNING is set when the
 *   interface is up and its operstate is `up` or `unknown` (`netif_oper_up`);
 * - PROMISC and ALLMULTI come from what user space asked for (`dev->gflags`), not from
 *   the counters a bridge raises on its ports. Only netlink knows gflags, so
 *   `netlinkFlags` (the flags `ip link` reports) supplies those two bits; without it
 *   the sysfs bits are used, which over-reports PROMISC/ALLMULTI on bridge ports.
 *
 * ifconfig holds the value in a C `short`, so only 16 bits survive, sign included.
 */
export function ifconfigFlags(sysfsFlags: number, operState: string, netlinkFlags: number | null): number {
  const userBits = IFF.PROMISC | IFF.ALLMULTI
  let flags = sysfsFlags & ~(userBits | IFF.RUNNING | IFF.LOWER_UP | IFF.DORMANT)
  flags |= (netlinkFlags ?? sysfsFlags) & userBits
  if ((sysfsFlags & IFF.UP) !== 0 && (operState === 'up' || operState === 'unknown')) flags |= IFF.RUNNING
  return ((flags & 0xffff) << 16) >> 16
}

const NETLINK_FLAG_BITS: Record<string, number> = {
  UP: IFF.UP,
  BROADCAST: IFF.BROADCAST,
  DEBUG: IFF.DEBUG,
  LOOPBACK: IFF.LOOPBACK,
  POINTOPOINT: IFF.POINTOPOINT,
  NOTRAILERS: IFF.NOTRAILERS,
  RUNNING: IFF.RUNNING,
  NOARP: IFF.NOARP,
  PROMISC: IFF.PROMISC,
  ALLMULTI: IFF.ALLMULTI,
  MASTER: IFF.MASTER,
  SLAVE: IFF.SLAVE,
  MULTICAST: IFF.MULTICAST,
  PORTSEL: IFF.PORTSEL,
  AUTOMEDIA: IFF.AUTOMEDIA,
  DYNAMIC: IFF.DYNAMIC,
  LOWER_UP: IFF.LOWER_UP,
  DORMANT: IFF.DORMANT,
  ECHO: IFF.ECHO,
}
const NETLINK_NAMES_LONGEST_FIRST = Object.keys(NETLINK_FLAG_BITS).sort((a, b) => b.length - a.length)

/**
 * Turns the flag words `ip link` prints (`["BROADCAST","MULTICAST","UP"]`, or busybox's
 * `BROADCAST,MULTICAST,UP100`, where busybox appends the bits it has no name for in hex)
 * into a bit mask. `NO-CARRIER` and `M-DOWN` are not flags and are ignored.
 */
export function netlinkFlagBits(words: readonly string[]): number {
  let bits = 0
  for (const word of words) {
    if (word === 'NO-CARRIER' || word === 'M-DOWN' || word === '') continue
    const name = NETLINK_NAMES_LONGEST_FIRST.find((n) => word.startsWith(n))
    const rest = name ? word.slice(name.length) : word
    if (name) bits |= NETLINK_FLAG_BITS[name]
    if (rest !== '' && /^[0-9a-f]+$/.test(rest)) bits |= parseInt(rest, 16)
  }
  return bits
}

/** Dotted netmask for a prefix length, e.g. 16 → 255.255.0.0. */
export function prefixToNetmask(prefixLen: number): string {
  const bits = prefixLen <= 0 ? 0 : prefixLen >= 32 ? 0xffffffff : (0xffffffff << (32 - prefixLen)) >>> 0
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 0xff).join('.')
}

/**
 * An IPv6 address in the text form glibc's `inet_ntop` produces (the one ifconfig and ip
 * print): longest run of two or more zero groups compressed (first one on a tie), and
 * `::a.b.c.d` / `::ffff:a.b.c.d` for IPv4-compatible and IPv4-mapped addresses.
 */
export function formatIpv6(hex32: string): string {
  const words: number[] = []
  for (let i = 0; i < 8; i++) words.push(parseInt(hex32.slice(i * 4, i * 4 + 4), 16))
  let best = { base: -1, len: 0 }
  let cur = { base: -1, len: 0 }
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (cur.base === -1) cur = { base: i, len: 1 }
      else cur.len++
    } else if (cur.base !== -1) {
      if (best.base === -1 || cur.len > best.len) best = cur
      cur = { base: -1, len: 0 }
    }
  }
  if (cur.base !== -1 && (best.base === -1 || cur.len > best.len)) best = cur
  if (best.base !== -1 && best.len < 2) best = { base: -1, len: 0 }
  let out = ''
  for (let i = 0; i < 8; i++) {
    if (best.base !== -1 && i >= best.base && i < best.base + best.len) {
      if (i === best.base) out += ':'
      continue
    }
    if (i !== 0) out += ':'
    if (i === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && words[5] === 0xffff))) {
      out += [words[6] >> 8, words[6] & 0xff, words[7] >> 8, words[7] & 0xff].join('.')
      return out
    }
    out += words[i].toString(16)
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':'
  return out
}

/** ifconfig's scope words for the scope field of /proc/net/if_inet6 (e.g. 0x20 → "link"). */
export function ipv6ScopeWords(scope: number): string {
  const words: string[] = []
  let rest = scope
  if (rest & 0x80) {
    words.push('compat')
    rest -= 0x80
  }
  if (rest === 0) words.push('global')
  if (rest & 0x20) words.push('link')
  if (rest & 0x40) words.push('site')
  if (rest & 0x10) words.push('host')
  return words.join(',')
}

/** The inverse of {@link ipv6ScopeWords}: the `scopeid` ifconfig prints. */
export function ipv6ScopeId(words: string): number {
  let id = 0
  for (const w of words.split(',')) {
    if (w === 'compat') id |= 0x80
    else if (w === 'link') id |= 0x20
    else if (w === 'site') id |= 0x40
    else if (w === 'host') id |= 0x10
  }
  return id
}

export interface IfInet6Entry {
  name: string
  ifindex: number
  address: string
  prefixLen: number
  scope: number
}

/** Parses /proc/net/if_inet6, keeping the file's order (the order ifconfig prints). */
export function parseIfInet6(text: string): IfInet6Entry[] {
  const out: IfInet6Entry[] = []
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/)
    if (f.length < 6 || !/^[0-9a-f]{32}$/i.test(f[0])) continue
    out.push({
      address: formatIpv6(f[0].toLowerCase()),
      ifindex: parseInt(f[1], 16),
      prefixLen: parseInt(f[2], 16),
      scope: parseInt(f[3], 16),
      name: f[5],
    })
  }
  return out
}

export interface InterfaceCounters {
  name: string
  rx: RxCounters
  tx: TxCounters
}

/**
 * Parses /proc/net/dev, the file net-tools ifconfig takes its counters from. Its columns
 * are already the sums ifconfig shows: `drop` is rx_dropped + rx_missed_errors, `frame`
 * adds the length, over, CRC and frame errors, `carrier` adds the aborted, window and
 * heartbeat errors (net/core/net-procfs.c).
 */
export function parseProcNetDev(text: string): InterfaceCounters[] {
  const out: InterfaceCounters[] = []
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon < 0 || line.includes('|')) continue
    const name = line.slice(0, colon).trim()
    const n = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number)
    if (n.length < 16 || n.some((v) => !Number.isFinite(v))) continue
    out.push({
      name,
      rx: { bytes: n[0], packets: n[1], errors: n[2], dropped: n[3], overruns: n[4], frame: n[5] },
      tx: { bytes: n[8], packets: n[9], errors: n[10], dropped: n[11], overruns: n[12], collisions: n[13], carrier: n[14] },
    })
  }
  return out
}

/** One interface as sysfs describes it (/sys/class/net/<name>/…). */
export interface RawLink {
  name: string
  ifindex: number
  iflink: number
  mtu: number
  /** `address`, empty when the device has none (tun). */
  address: string
  /** `flags`: the raw `dev->flags`. */
  flags: number
  txQueueLen: number
  operState: string
  /** ARPHRD_* from `type`. */
  type: number
  /** Target name of the `master` symlink. */
  master: string | null
  /** Has a `device` link: backed by a bus device (PCI, virtio, USB…). */
  hasDevice: boolean
  /** Has a `bridge` directory: is a Linux bridge. */
  hasBridgeDir: boolean
  /** Has `tun_flags`: a tun/tap device. */
  hasTunFlags: boolean
  /** Has `lower_*` links: stacked on another device (vlan, macvlan, ipvlan, bond…). */
  hasLower: boolean
  /** `DEVTYPE=` from `uevent` (bridge, vlan, vxlan, wireguard…), null when absent. */
  devType: string | null
}

/** What netlink (`ip link`) adds to sysfs. */
export interface NetlinkLink {
  ifindex: number
  /** `dev_get_flags()` bits (see {@link ifconfigFlags}); null when unknown. */
  flags: number | null
  /** `linkinfo.info_kind` (veth, bridge, tun…), only from iproute2's `-d`. */
  infoKind: string | null
  /** `link_netnsid`, only from iproute2. */
  linkNetnsId: number | null
}

/** One IPv4 address as netlink reports it. */
export interface RawIpv4 {
  ifindex: number
  address: string
  prefixLen: number
  broadcast: string | null
  /** The address label (`eth0`, or an alias like `eth0:1`). */
  label: string | null
  /** Peer address on point-to-point links, when one was configured. */
  peer: string | null
}

/** Everything needed to build the interface list, from either reader. */
export interface RawHostData {
  links: RawLink[]
  /** Netlink facts by ifindex; may be empty (then sysfs alone decides). */
  netlink: Map<number, NetlinkLink>
  ipv4: RawIpv4[]
  /** /proc/net/if_inet6 text. */
  ifInet6: string
  /** /proc/net/dev text. */
  procNetDev: string
}

/**
 * The interface kind. With iproute2's `info_kind` the kernel says what the device is;
 * without it (busybox in the helper) sysfs decides: a veth is an Ethernet device with no
 * bus device, no DEVTYPE, not stacked on a lower device, whose `iflink` names another
 * interface (its peer). Both rules agree on every device Docker creates.
 */
export function classifyKind(link: RawLink, infoKind: string | null): InterfaceKind {
  if (link.type === ARPHRD.LOOPBACK) return 'loopback'
  if (infoKind === 'veth') return 'veth'
  if (infoKind === 'bridge') return 'bridge'
  if (infoKind === 'tun') return 'tun'
  if (link.hasBridgeDir) return 'bridge'
  if (link.hasTunFlags) return 'tun'
  if (link.hasDevice) return 'physical'
  if (infoKind !== null) return 'other'
  if (
    link.type === ARPHRD.ETHER &&
    link.devType === null &&
    !link.hasLower &&
    link.iflink > 0 &&
    link.iflink !== link.ifindex
  ) {
    return 'veth'
  }
  return 'other'
}

const ZERO_RX: RxCounters = { packets: 0, bytes: 0, errors: 0, dropped: 0, overruns: 0, frame: 0 }
const ZERO_TX: TxCounters = { packets: 0, bytes: 0, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0 }

/**
 * Orders an interface's IPv4 addresses so the one ifconfig shows comes first: the kernel
 * answers SIOCGIFADDR with the first address whose label is the interface name itself.
 * Addresses under alias labels (`eth0:1`) follow in netlink order.
 */
function orderIpv4(name: string, addrs: RawIpv4[]): Ipv4Address[] {
  const own = addrs.filter((a) => a.label === null || a.label === name)
  const aliases = addrs.filter((a) => a.label !== null && a.label !== name)
  return [...own, ...aliases].map((a) => ({
    address: a.address,
    prefixLen: a.prefixLen,
    netmask: prefixToNetmask(a.prefixLen),
    broadcast: a.broadcast,
  }))
}

/** Builds the interface list, sorted by index. `container` and `network` stay null. */
export function buildHostInterfaces(raw: RawHostData): HostInterface[] {
  const v6 = new Map<string, Ipv6Address[]>()
  for (const e of parseIfInet6(raw.ifInet6)) {
    const list = v6.get(e.name) ?? []
    list.push({ address: e.address, prefixLen: e.prefixLen, scope: ipv6ScopeWords(e.scope) })
    v6.set(e.name, list)
  }
  const v4 = new Map<number, RawIpv4[]>()
  for (const a of raw.ipv4) {
    const list = v4.get(a.ifindex) ?? []
    list.push(a)
    v4.set(a.ifindex, list)
  }
  const counters = new Map(parseProcNetDev(raw.procNetDev).map((c) => [c.name, c]))

  return raw.links
    .map((link): HostInterface => {
      const nl = raw.netlink.get(link.ifindex)
      const kind = classifyKind(link, nl?.infoKind ?? null)
      const flagsValue = ifconfigFlags(link.flags, link.operState, nl?.flags ?? null)
      const c = counters.get(link.name)
      return {
        name: link.name,
        index: link.ifindex,
        kind,
        flags: flagNames(flagsValue),
        flagsValue,
        mtu: link.mtu,
        mac: link.address === '' ? null : link.address,
        txqueuelen: link.txQueueLen,
        operState: link.operState,
        ipv4: orderIpv4(link.name, v4.get(link.ifindex) ?? []),
        ipv6: v6.get(link.name) ?? [],
        master: link.master,
        peerIndex: kind === 'veth' ? link.iflink : null,
        linkNetnsId: nl?.linkNetnsId ?? null,
        rx: c ? { ...c.rx } : { ...ZERO_RX },
        tx: c ? { ...c.tx } : { ...ZERO_TX },
        container: null,
        network: null,
      }
    })
    .sort((a, b) => a.index - b.index)
}

/* ------------------------------------------------------------------------------------ */
/* iproute2 JSON (direct path)                                                           */
/* ------------------------------------------------------------------------------------ */

interface IpJsonAddrInfo {
  family?: string
  local?: string
  address?: string
  prefixlen?: number
  broadcast?: string
  label?: string
}

interface IpJsonLink {
  ifindex?: number
  ifname?: string
  flags?: string[]
  link_netnsid?: number
  linkinfo?: { info_kind?: string }
  addr_info?: IpJsonAddrInfo[]
  link_index?: number
  link?: string | null
  mtu?: number
  address?: string
  txqlen?: number
  operstate?: string
  link_type?: string
  master?: string
  parentbus?: string
}

/** iproute2's link_type words and the ARPHRD numbers sysfs gives for them. */
const LINK_TYPES: Record<string, number> = { ether: 1, loopback: 772, none: 65534, ipip: 768, sit: 776, gre: 778, ip6tnl: 769, ip6gre: 823, void: 0xffff }

/**
 * Builds the {@link RawLink}s from `ip -j -d addr show` alone, so the direct path needs one
 * exec and no sysfs walk. netlink's flags are `dev_get_flags()`, which is what ifconfig's
 * SIOCGIFFLAGS returns too (iproute2 hides RUNNING; {@link ifconfigFlags} derives it).
 */
export function rawLinksFromIpJson(json: string): RawLink[] {
  const parsed: unknown = JSON.parse(json)
  if (!Array.isArray(parsed)) throw new Error('ip -j addr: expected a JSON array')
  const items = (parsed as IpJsonLink[]).filter((i) => typeof i?.ifindex === 'number' && typeof i.ifname === 'string')
  const indexByName = new Map(items.map((i) => [i.ifname as string, i.ifindex as number]))
  return items.map((item) => {
    const kind = item.linkinfo?.info_kind ?? null
    const ifindex = item.ifindex as number
    const peerByName = typeof item.link === 'string' ? indexByName.get(item.link) : undefined
    return {
      name: item.ifname as string,
      ifindex,
      iflink: item.link_index ?? peerByName ?? ifindex,
      mtu: item.mtu ?? 0,
      address: item.link_type === 'none' ? '' : (item.address ?? ''),
      flags: Array.isArray(item.flags) ? netlinkFlagBits(item.flags) : 0,
      txQueueLen: item.txqlen ?? 0,
      operState: (item.operstate ?? 'unknown').toLowerCase(),
      type: LINK_TYPES[item.link_type ?? ''] ?? 0,
      master: item.master ?? null,
      hasDevice: item.parentbus !== undefined,
      hasBridgeDir: kind === 'bridge',
      hasTunFlags: kind === 'tun',
      hasLower: typeof item.link === 'string' && kind !== 'veth',
      devType: kind !== null && !['veth', 'tun', 'dummy', 'ifb'].includes(kind) ? kind : null,
    }
  })
}

/**
 * Parses `ip -j -d addr show` (iproute2): netlink flags, `info_kind` and `link_netnsid` per
 * interface, and the IPv4 addresses with prefix, broadcast, label and peer.
 */
export function parseIpAddrJson(json: string): { netlink: Map<number, NetlinkLink>; ipv4: RawIpv4[] } {
  const parsed: unknown = JSON.parse(json)
  if (!Array.isArray(parsed)) throw new Error('ip -j addr: expected a JSON array')
  const netlink = new Map<number, NetlinkLink>()
  const ipv4: RawIpv4[] = []
  for (const item of parsed as IpJsonLink[]) {
    if (typeof item?.ifindex !== 'number') continue
    netlink.set(item.ifindex, {
      ifindex: item.ifindex,
      flags: Array.isArray(item.flags) ? netlinkFlagBits(item.flags) : null,
      infoKind: item.linkinfo?.info_kind ?? null,
      linkNetnsId: typeof item.link_netnsid === 'number' ? item.link_netnsid : null,
    })
    for (const a of item.addr_info ?? []) {
      if (a.family !== 'inet' || typeof a.local !== 'string' || typeof a.prefixlen !== 'number') continue
      ipv4.push({
        ifindex: item.ifindex,
        address: a.local,
        prefixLen: a.prefixlen,
        broadcast: a.broadcast ?? null,
        label: a.label ?? null,
        peer: a.address !== undefined && a.address !== a.local ? a.address : null,
      })
    }
  }
  return { netlink, ipv4 }
}

/* ------------------------------------------------------------------------------------ */
/* busybox `ip -o` (helper path)                                                         */
/* ------------------------------------------------------------------------------------ */

/** Parses busybox `ip -o link`: the netlink flags of every interface, by index. */
export function parseBusyboxIpLink(text: string): Map<number, NetlinkLink> {
  const out = new Map<number, NetlinkLink>()
  for (const line of text.split('\n')) {
    const m = /^(\d+): \S+?: <([^>]*)>/.exec(line)
    if (!m) continue
    const ifindex = Number(m[1])
    out.set(ifindex, { ifindex, flags: netlinkFlagBits(m[2].split(',')), infoKind: null, linkNetnsId: null })
  }
  return out
}

/**
 * Parses busybox `ip -o -4 addr`, e.g.
 * `6: eth0    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0\       valid_lft forever …`
 * or, on a point-to-point link, `inet 10.8.0.1 peer 10.8.0.2/32 scope global tun0`.
 */
export function parseBusyboxIpAddr(text: string): RawIpv4[] {
  const out: RawIpv4[] = []
  const flagWords = new Set(['secondary', 'tentative', 'dadfailed', 'deprecated', 'dynamic', 'permanent', 'noprefixroute'])
  for (const line of text.split('\n')) {
    const m = /^(\d+):\s+\S+\s+inet\s+([\d.]+)(?:\s+peer\s+([\d.]+))?\/(\d+)\s+(.*)$/.exec(line)
    if (!m) continue
    const tokens = m[5].split('\\')[0].trim().split(/\s+/)
    let broadcast: string | null = null
    let label: string | null = null
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]
      if (t === 'brd' || t === 'any' || t === 'scope' || t === 'flags') {
        if (t === 'brd') broadcast = tokens[i + 1] ?? null
        i++
      } else if (!flagWords.has(t) && t !== '') {
        label = t
      }
    }
    out.push({
      ifindex: Number(m[1]),
      address: m[2],
      prefixLen: Number(m[4]),
      broadcast,
      label,
      peer: m[3] ?? null,
    })
  }
  return out
}

/* ------------------------------------------------------------------------------------ */
/* sysfs attribute values                                                                */
/* ------------------------------------------------------------------------------------ */

/** The sysfs attributes a {@link RawLink} is built from, as text (missing ones undefined). */
export interface SysfsAttributes {
  ifindex?: string
  iflink?: string
  mtu?: string
  address?: string
  flags?: string
  tx_queue_len?: string
  operstate?: string
  type?: string
  uevent?: string
}

export const SYSFS_ATTRIBUTES = ['ifindex', 'iflink', 'mtu', 'address', 'flags', 'tx_queue_len', 'operstate', 'type'] as const

/**
 * Builds a {@link RawLink} from the attribute texts and the directory's entry names.
 * Returns null when the interface vanished while it was read (no ifindex).
 */
export function rawLinkFromSysfs(
  name: string,
  attrs: SysfsAttributes,
  entries: ReadonlySet<string>,
  masterTarget: string | null,
): RawLink | null {
  const int = (v: string | undefined, radix = 10): number => (v === undefined ? NaN : parseInt(v.trim(), radix))
  const ifindex = int(attrs.ifindex)
  if (!Number.isFinite(ifindex)) return null
  const devType = /^DEVTYPE=(.*)$/m.exec(attrs.uevent ?? '')?.[1]?.trim() ?? null
  const flagsText = (attrs.flags ?? '0').trim()
  const iflink = int(attrs.iflink)
  return {
    name,
    ifindex,
    iflink: Number.isFinite(iflink) ? iflink : ifindex,
    mtu: int(attrs.mtu) || 0,
    address: (attrs.address ?? '').trim(),
    flags: parseInt(flagsText.replace(/^0x/i, ''), 16) || 0,
    txQueueLen: int(attrs.tx_queue_len) || 0,
    operState: (attrs.operstate ?? 'unknown').trim(),
    type: int(attrs.type) || 0,
    master: masterTarget === null ? null : masterTarget.split('/').filter(Boolean).pop() ?? null,
    hasDevice: entries.has('device'),
    hasBridgeDir: entries.has('bridge'),
    hasTunFlags: entries.has('tun_flags'),
    hasLower: [...entries].some((e) => e.startsWith('lower_')),
    devType: devType === '' ? null : devType,
  }
}
