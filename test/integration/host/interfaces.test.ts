import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostInterface } from '../../../electron/shared/types'
import { readCounters, readHostInterfaces } from '../../../electron/services/host/interfaces'
import { prefixToNetmask } from '../../../electron/services/host/parse'
import { canCreateDevices, createTestDevices, type TestDevices } from './netdevs'

const run = promisify(execFile)
const ipJson = async <T>(...args: string[]): Promise<T> => JSON.parse((await run('ip', ['-j', ...args], { encoding: 'utf8' })).stdout) as T

interface IpLink {
  ifindex: number
  ifname: string
  flags: string[]
  mtu: number
  operstate: string
  address?: string
  master?: string
  link_netnsid?: number
  linkinfo?: { info_kind?: string }
  addr_info?: Array<{ family: string; local: string; prefixlen: number; broadcast?: string; scope: string }>
  stats64?: {
    rx: Record<string, number>
    tx: Record<string, number>
  }
}

let devices: TestDevices | undefined

beforeAll(async () => {
  if (canCreateDevices) devices = await createTestDevices('if')
})
afterAll(async () => {
  await devices?.remove()
})

/** Pairs our reading with iproute2's, keeping interfaces both saw with the same index. */
function pair(ours: HostInterface[], theirs: IpLink[]): Array<[HostInterface, IpLink]> {
  const byIndex = new Map(theirs.map((l) => [l.ifindex, l]))
  return ours.flatMap((i) => {
    const l = byIndex.get(i.index)
    return l && l.ifname === i.name ? [[i, l] as [HostInterface, IpLink]] : []
  })
}

describe.runIf(process.platform === 'linux')('reading this host\'s interfaces', () => {
  it('sees the same interfaces with the same MTU, MAC, operstate, master, link-netnsid and kind as `ip -j -d link`', async () => {
    const ours = await readHostInterfaces()
    const theirs = await ipJson<IpLink[]>('-d', 'link', 'show')
    const pairs = pair(ours, theirs)
    expect(pairs.length).toBeGreaterThanOrEqual(Math.min(ours.length, theirs.length) - 2)
    for (const [i, l] of pairs) {
      expect({ name: i.name, mtu: i.mtu, mac: i.mac, oper: i.operState, master: i.master, nsid: i.linkNetnsId }).toEqual({
        name: l.ifname,
        mtu: l.mtu,
        mac: l.address && l.address !== '' ? l.address : null,
        oper: l.operstate.toLowerCase(),
        master: l.master ?? null,
        nsid: l.link_netnsid ?? null,
      })
      const kind = l.linkinfo?.info_kind
      if (kind === 'veth' || kind === 'bridge' || kind === 'tun') expect([i.name, i.kind]).toEqual([l.ifname, kind])
      if (i.name === 'lo') expect(i.kind).toBe('loopback')
    }
    if (devices) {
      const veth = ours.find((i) => i.name === devices!.veth)!
      expect(veth).toMatchObject({ kind: 'veth', master: devices.bridge })
      expect(veth.linkNetnsId).not.toBeNull()
      const inside = await run('ip', ['-n', devices.netns, '-j', 'link', 'show', devices.peer], { encoding: 'utf8' })
      expect(veth.peerIndex).toBe((JSON.parse(inside.stdout) as IpLink[])[0].ifindex)
    }
  })

  it('reports the flags netlink reports, with RUNNING exactly where ip does not say NO-CARRIER', async () => {
    const pairs = pair(await readHostInterfaces(), await ipJson<IpLink[]>('link', 'show'))
    const named = ['UP', 'BROADCAST', 'DEBUG', 'LOOPBACK', 'POINTOPOINT', 'NOTRAILERS', 'NOARP', 'PROMISC', 'ALLMULTI', 'SLAVE', 'MASTER', 'MULTICAST', 'DYNAMIC']
    for (const [i, l] of pairs) {
      expect([i.name, i.flags.filter((f) => f !== 'RUNNING')]).toEqual([i.name, named.filter((f) => l.flags.includes(f))])
      const running = l.flags.includes('UP') && !l.flags.includes('NO-CARRIER')
      expect([i.name, i.flags.includes('RUNNING')]).toEqual([i.name, running])
    }
  })

  it('reports the IPv4 and IPv6 addresses `ip -j addr` reports, with netmask and broadcast', async () => {
    const pairs = pair(await readHostInterfaces(), await ipJson<IpLink[]>('addr', 'show'))
    const scope = (s: string): string => (s === 'universe' ? 'global' : s)
    for (const [i, l] of pairs) {
      const v4 = (l.addr_info ?? []).filter((a) => a.family === 'inet')
      const v6 = (l.addr_info ?? []).filter((a) => a.family === 'inet6')
      const sort = <T>(xs: T[]): T[] => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
      expect(sort(i.ipv4)).toEqual(
        sort(v4.map((a) => ({ address: a.local, prefixLen: a.prefixlen, netmask: prefixToNetmask(a.prefixlen), broadcast: a.broadcast ?? null }))),
      )
      expect(sort(i.ipv6)).toEqual(sort(v6.map((a) => ({ address: a.local, prefixLen: a.prefixlen, scope: scope(a.scope) }))))
    }
  })

  it('gives docker0 the address, netmask and broadcast `ip -j addr show docker0` gives', async () => {
    const docker0 = (await readHostInterfaces()).find((i) => i.name === 'docker0')
    if (!docker0) return // no engine bridge on this host
    const [l] = await ipJson<IpLink[]>('addr', 'show', 'docker0')
    const a = l.addr_info!.find((x) => x.family === 'inet')!
    expect(docker0.kind).toBe('bridge')
    expect(docker0.ipv4[0]).toEqual({ address: a.local, prefixLen: a.prefixlen, netmask: prefixToNetmask(a.prefixlen), broadcast: a.broadcast ?? null })
  })

  it('reads counters that lie between two `ip -s -s` readings taken around it, summed as ifconfig sums them', async () => {
    type Stats = { rx: RxIp; tx: TxIp }
    type RxIp = Record<'bytes' | 'packets' | 'errors' | 'dropped' | 'over_errors' | 'length_errors' | 'crc_errors' | 'frame_errors' | 'fifo_errors' | 'missed_errors', number>
    type TxIp = Record<'bytes' | 'packets' | 'errors' | 'dropped' | 'carrier_errors' | 'collisions' | 'aborted_errors' | 'fifo_errors' | 'window_errors' | 'heartbeat_errors', number>
    const asIfconfig = (s: Stats) => ({
      rx: {
        packets: s.rx.packets,
        bytes: s.rx.bytes,
        errors: s.rx.errors,
        dropped: s.rx.dropped + s.rx.missed_errors,
        overruns: s.rx.fifo_errors,
        frame: s.rx.length_errors + s.rx.over_errors + s.rx.crc_errors + s.rx.frame_errors,
      },
      tx: {
        packets: s.tx.packets,
        bytes: s.tx.bytes,
        errors: s.tx.errors,
        dropped: s.tx.dropped,
        overruns: s.tx.fifo_errors,
        carrier: s.tx.carrier_errors + s.tx.aborted_errors + s.tx.window_errors + s.tx.heartbeat_errors,
        collisions: s.tx.collisions,
      },
    })
    const before = await ipJson<IpLink[]>('-s', '-s', 'link', 'show')
    const ours = await readHostInterfaces()
    const counters = await readCounters()
    const after = await ipJson<IpLink[]>('-s', '-s', 'link', 'show')
    const afterByIndex = new Map(after.map((l) => [l.ifindex, l]))
    let compared = 0
    for (const [i, b] of pair(ours, before)) {
      const a = afterByIndex.get(i.index)
      if (!a?.stats64 || !b.stats64) continue
      const lo = asIfconfig(b.stats64 as unknown as Stats)
      const hi = asIfconfig(a.stats64 as unknown as Stats)
      const polled = counters.find((c) => c.name === i.name)!
      for (const side of ['rx', 'tx'] as const) {
        for (const [key, value] of Object.entries(i[side])) {
          const k = key as keyof typeof lo.rx & keyof typeof lo.tx
          expect([i.name, side, key, value >= lo[side][k] && value <= hi[side][k]]).toEqual([i.name, side, key, true])
          const p = (polled[side] as unknown as Record<string, number>)[key]
          expect([i.name, side, key, p >= lo[side][k] && p <= hi[side][k]]).toEqual([i.name, side, key, true])
        }
      }
      compared++
    }
    expect(compared).toBeGreaterThan(1)
  })

  it('polls the counters of every interface from one kernel table, never going backwards', async () => {
    const before = await readHostInterfaces()
    const counters = await readCounters()
    expect(counters.map((c) => c.name).sort()).toEqual(expect.arrayContaining(before.filter((i) => i.kind !== 'veth').map((i) => i.name).sort()))
    for (const c of counters) {
      const b = before.find((i) => i.name === c.name)
      if (!b) continue
      expect(c.rx.packets).toBeGreaterThanOrEqual(b.rx.packets)
      expect(c.tx.bytes).toBeGreaterThanOrEqual(b.tx.bytes)
    }
  })

  it.runIf(canCreateDevices)('keeps the counters of a bridge that stays down at zero and its flags at BROADCAST,MULTICAST', async () => {
    const quiet = (await readHostInterfaces()).find((i) => i.name === devices!.quietBridge)!
    expect(quiet).toMatchObject({ kind: 'bridge', flags: ['BROADCAST', 'MULTICAST'], flagsValue: 4098, operState: 'down', peerIndex: null })
    expect(quiet.rx.packets + quiet.tx.packets).toBe(0)
  })
})
