import { describe, expect, it } from 'vitest'
import { parseHelperDump } from '../../../electron/services/host/helper'
import {
  buildHostInterfaces,
  classifyKind,
  flagNames,
  formatIpv6,
  IFF,
  ifconfigFlags,
  ipv6ScopeId,
  ipv6ScopeWords,
  netlinkFlagBits,
  parseBusyboxIpAddr,
  parseBusyboxIpLink,
  parseIfInet6,
  parseIpAddrJson,
  parseProcNetDev,
  prefixToNetmask,
} from '../../../electron/services/host/parse'
import { dumpSection, helperDump, ifconfigBlocks, ifconfigText, ipAddrJson } from './fixtures/load'

const dump = parseHelperDump(helperDump)
const fromIproute2 = parseIpAddrJson(ipAddrJson)
/** The direct path's view of the recorded moment: sysfs and procfs, plus iproute2's JSON. */
const direct = buildHostInterfaces({ ...dump.raw, netlink: fromIproute2.netlink, ipv4: fromIproute2.ipv4 })
/** The helper's view: the same sysfs and procfs, plus busybox `ip -o`. */
const viaHelper = buildHostInterfaces(dump.raw)
const ipJson = JSON.parse(ipAddrJson) as Array<{
  ifname: string
  ifindex: number
  flags: string[]
  linkinfo?: { info_kind?: string }
  link_netnsid?: number
  master?: string
  addr_info: Array<{ family: string; local: string; prefixlen: number; broadcast?: string }>
}>

describe('flag names', () => {
  it('names the flags of the values ifconfig printed on this machine, in its order', () => {
    const printed = [...ifconfigText.matchAll(/^\S+: flags=(-?\d+)<([^>]*)>/gm)]
    expect(printed.length).toBeGreaterThan(5)
    for (const [, value, names] of printed) expect(flagNames(Number(value))).toEqual(names.split(',').filter(Boolean))
  })

  it('derives the flags value ifconfig prints for every recorded interface from sysfs, operstate and netlink', () => {
    const printed = new Map([...ifconfigText.matchAll(/^(\S+): flags=(-?\d+)</gm)].map((m) => [m[1], Number(m[2])]))
    for (const i of direct) expect([i.name, i.flagsValue]).toEqual([i.name, printed.get(i.name)])
  })

  it('hides the PROMISC and ALLMULTI a bridge sets on its ports, as ifconfig does, but keeps the ones a user set', () => {
    // bvt-v0 is a bridge port: sysfs says 0x1303 (PROMISC|ALLMULTI), netlink and ifconfig do not.
    const port = direct.find((i) => i.name === 'bvt-v0')!
    expect(port.flags).toEqual(['UP', 'BROADCAST', 'RUNNING', 'MULTICAST'])
    // bvt-tap was set promiscuous by hand, bvt-vx allmulticast.
    expect(direct.find((i) => i.name === 'bvt-tap')!.flags).toContain('PROMISC')
    expect(direct.find((i) => i.name === 'bvt-vx')!.flags).toContain('ALLMULTI')
  })

  it('sets RUNNING only for an up interface whose operstate is up or unknown', () => {
    expect(ifconfigFlags(0x1003, 'up', 0x1003)).toBe(4163)
    expect(ifconfigFlags(0x1003, 'unknown', 0x1003)).toBe(4163)
    expect(ifconfigFlags(0x1003, 'down', 0x1003)).toBe(4099)
    expect(ifconfigFlags(0x1002, 'up', 0x1002)).toBe(0x1002)
    expect(ifconfigFlags(0x9, 'unknown', null)).toBe(73)
  })

  it('falls back to the sysfs PROMISC bit when netlink is not available', () => {
    expect(ifconfigFlags(0x1103, 'up', null) & IFF.PROMISC).toBe(IFF.PROMISC)
  })

  it('reads busybox flag words, including the hex it appends for flags it has no name for', () => {
    expect(netlinkFlagBits(['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP100'])).toBe(0x1103)
    expect(netlinkFlagBits(['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP200'])).toBe(0x11203)
    expect(netlinkFlagBits(['300'])).toBe(0x300)
    expect(netlinkFlagBits(['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP', 'M-DOWN'])).toBe(0x11003)
  })
})

describe('address helpers', () => {
  it('computes netmasks from prefix lengths', () => {
    expect(prefixToNetmask(0)).toBe('0.0.0.0')
    expect(prefixToNetmask(8)).toBe('255.0.0.0')
    expect(prefixToNetmask(16)).toBe('255.255.0.0')
    expect(prefixToNetmask(20)).toBe('255.255.240.0')
    expect(prefixToNetmask(30)).toBe('255.255.255.252')
    expect(prefixToNetmask(32)).toBe('255.255.255.255')
  })

  it('writes IPv6 addresses the way glibc inet_ntop does (cases checked against it)', () => {
    expect(formatIpv6('00000000000000000000000000000001')).toBe('::1')
    expect(formatIpv6('00000000000000000000000000000000')).toBe('::')
    expect(formatIpv6('fe8000000000000000fc00fffe000001')).toBe('fe80::fc:ff:fe00:1')
    expect(formatIpv6('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1')
    expect(formatIpv6('00010000000000010000000000010001')).toBe('1::1:0:0:1:1') // first of two equal runs
    expect(formatIpv6('00010000000100010001000100010001')).toBe('1:0:1:1:1:1:1:1')
    expect(formatIpv6('00000000000000000000ffff01020304')).toBe('::ffff:1.2.3.4')
    expect(formatIpv6('00000000000000000000000001020304')).toBe('::1.2.3.4')
    expect(formatIpv6('00000000000000000000000000000002')).toBe('::2')
    expect(formatIpv6('20010db8000000000000000000000000')).toBe('2001:db8::')
  })

  it('names IPv6 scopes as ifconfig does and maps the names back to its scopeid', () => {
    for (const [scope, words] of [
      [0x00, 'global'],
      [0x10, 'host'],
      [0x20, 'link'],
      [0x40, 'site'],
      [0x80, 'compat,global'],
    ] as const) {
      expect(ipv6ScopeWords(scope)).toBe(words)
      expect(ipv6ScopeId(words)).toBe(scope)
    }
  })

  it('keeps /proc/net/if_inet6 order, which is the order ifconfig prints', () => {
    const eth0 = parseIfInet6(dumpSection('if_inet6')).filter((e) => e.name === 'eth0')
    const printed = [...(ifconfigBlocks(ifconfigText).get('eth0') ?? '').matchAll(/inet6 (\S+)/g)].map((m) => m[1])
    expect(eth0.map((e) => e.address)).toEqual(printed)
  })
})

describe('iproute2 and busybox readings of the same moment', () => {
  it('finds the same IPv4 addresses, prefixes, broadcasts and labels in `ip -j addr` and busybox `ip -o -4 addr`', () => {
    const busybox = parseBusyboxIpAddr(dumpSection('ipaddr'))
    expect(busybox).toEqual(fromIproute2.ipv4)
    expect(busybox.length).toBeGreaterThan(3)
  })

  it('finds the same netlink flags in iproute2 JSON and busybox `ip -o link`', () => {
    const busybox = parseBusyboxIpLink(dumpSection('iplink'))
    for (const [index, link] of fromIproute2.netlink) expect([index, busybox.get(index)?.flags]).toEqual([index, link.flags])
  })

  it('builds identical interfaces on both paths except the link-netnsid only iproute2 reports', () => {
    const strip = (list: typeof direct) => list.map(({ linkNetnsId: _, ...rest }) => rest)
    expect(strip(viaHelper)).toEqual(strip(direct))
    expect(viaHelper.every((i) => i.linkNetnsId === null)).toBe(true)
  })

  it('classifies veths, bridges and tun devices from sysfs alone exactly as info_kind does', () => {
    for (const link of dump.raw.links) {
      const kind = ipJson.find((j) => j.ifindex === link.ifindex)?.linkinfo?.info_kind ?? null
      expect([link.name, classifyKind(link, null)]).toEqual([link.name, classifyKind(link, kind)])
    }
    const kinds = new Map(direct.map((i) => [i.name, i.kind]))
    expect(kinds.get('lo')).toBe('loopback')
    expect(kinds.get('eth0')).toBe('physical')
    expect(kinds.get('docker0')).toBe('bridge')
    expect(kinds.get('bvt-tun')).toBe('tun')
    expect(kinds.get('bvt-tap')).toBe('tun')
    expect(kinds.get('bvt-vx')).toBe('other')
    expect(kinds.get('ifb0')).toBe('other')
    expect(direct.filter((i) => i.kind === 'veth').map((i) => i.name).sort()).toEqual(
      ipJson.filter((j) => j.linkinfo?.info_kind === 'veth').map((j) => j.ifname).sort(),
    )
  })
})

describe('building interfaces', () => {
  it('sorts by index and leaves container and network for the topology service', () => {
    expect(direct.map((i) => i.index)).toEqual([...direct.map((i) => i.index)].sort((a, b) => a - b))
    expect(direct.every((i) => i.container === null && i.network === null)).toBe(true)
  })

  it('gives every veth its iflink as peer index, its bridge as master and its link-netnsid', () => {
    for (const i of direct.filter((x) => x.kind === 'veth')) {
      const j = ipJson.find((x) => x.ifindex === i.index)!
      expect(i.peerIndex).toBe(Number(/\/class\/net\/[^/]+\/iflink:(\d+)/.exec(helperDump.split('\n').find((l) => l.includes(`/net/${i.name}/iflink:`))!)![1]))
      expect(i.master).toBe(j.master ?? null)
      expect(i.linkNetnsId).toBe(j.link_netnsid ?? null)
    }
    expect(direct.filter((x) => x.kind !== 'veth').every((i) => i.peerIndex === null)).toBe(true)
  })

  it('reports the address, netmask and broadcast of docker0 that `ip -j addr` reports', () => {
    const docker0 = direct.find((i) => i.name === 'docker0')!
    const a = ipJson.find((j) => j.ifname === 'docker0')!.addr_info.find((x) => x.family === 'inet')!
    expect(docker0.ipv4[0]).toEqual({ address: a.local, prefixLen: a.prefixlen, netmask: prefixToNetmask(a.prefixlen), broadcast: a.broadcast })
  })

  it('puts the address ifconfig shows first when an alias label was added before it', () => {
    const tap = direct.find((i) => i.name === 'bvt-tap')!
    expect(tap.ipv4.map((a) => a.address)).toEqual(['10.195.0.1', '10.196.0.5'])
  })

  it('takes counters from /proc/net/dev with ifconfig meaning of each column', () => {
    const dev = parseProcNetDev(dumpSection('dev'))
    const lo = dev.find((c) => c.name === 'lo')!
    const line = dumpSection('dev').split('\n').find((l) => l.trim().startsWith('lo:'))!
    const n = line.split(':')[1].trim().split(/\s+/).map(Number)
    expect(lo.rx).toEqual({ bytes: n[0], packets: n[1], errors: n[2], dropped: n[3], overruns: n[4], frame: n[5] })
    expect(lo.tx).toEqual({ bytes: n[8], packets: n[9], errors: n[10], dropped: n[11], overruns: n[12], collisions: n[13], carrier: n[14] })
    expect(direct.find((i) => i.name === 'lo')!.rx).toEqual(lo.rx)
  })

  it('gives an address-less device (tun) no MAC', () => {
    expect(direct.find((i) => i.name === 'bvt-tun')!.mac).toBeNull()
  })
})
