import { describe, expect, it } from 'vitest'
import type { HostInterface } from '../../../electron/shared/types'
import { parseHelperDump } from '../../../electron/services/host/helper'
import { buildHostInterfaces, parseIpAddrJson } from '../../../electron/services/host/parse'
import {
  parseDevMcast,
  parseIgmp,
  parseNetnsLink,
  resolveVethMap,
  type NamespaceProbe,
  type RunningContainerRef,
  type VethMapInput,
} from '../../../electron/services/host/veth-map'
import { helperDump, ipAddrJson, recordedContainers } from './fixtures/load'

const dump = parseHelperDump(helperDump)
const ip = parseIpAddrJson(ipAddrJson)
const interfaces = buildHostInterfaces({ ...dump.raw, netlink: ip.netlink, ipv4: ip.ipv4 })
const refs: RunningContainerRef[] = recordedContainers.map(({ id, pid, networkModeRaw }) => ({ id, pid, networkModeRaw }))
const byName = (suffix: string) => recordedContainers.find((c) => c.name.endsWith(`-${suffix}`))!
const veth = (index: number): HostInterface => interfaces.find((i) => i.index === index)!
const recordedInput: VethMapInput = { containers: refs, probes: dump.probes, hostNetnsInodes: dump.hostNetnsInodes, interfaces }

/** What the probes look like to a process that is not root: no ns link, no container sysfs. */
const unprivileged = (p: NamespaceProbe): NamespaceProbe => ({ ...p, netnsInode: null, iflinks: null })

describe('namespace file parsers', () => {
  it('reads interface indexes and names from /proc/<pid>/net/igmp, long names included', () => {
    const igmp = '1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n33\tbr-a9c38aac9bfe:     2      V3\n'
    expect(parseIgmp(igmp)).toEqual([
      { index: 1, name: 'lo' },
      { index: 33, name: 'br-a9c38aac9bfe' },
    ])
  })

  it('reads interface indexes and names from /proc/<pid>/net/dev_mcast', () => {
    expect(parseDevMcast('27   eth0            1     0     333300000001\n27   eth0            1     0     01005e000001\n')).toEqual([
      { index: 27, name: 'eth0' },
      { index: 27, name: 'eth0' },
    ])
  })

  it('reads the inode of a namespace link', () => {
    expect(parseNetnsLink('net:[4026532261]')).toBe(4026532261)
    expect(parseNetnsLink('')).toBeNull()
  })

  it('finds each bridged container interface in the recorded probes with the index its own sysfs reports', () => {
    for (const c of recordedContainers.filter((x) => x.iflinks)) {
      const probe = dump.probes.find((p) => p.pid === c.pid)!
      expect(Object.keys(probe.iflinks ?? {}).sort()).toEqual(Object.keys(c.iflinks!).sort())
      expect(probe.iflinks).toEqual(c.iflinks)
    }
  })
})

describe('resolving the recorded machine', () => {
  const map = resolveVethMap(recordedInput)

  it('maps every container interface to the host veth its own view names, under the namespace owner', () => {
    for (const c of recordedContainers.filter((x) => x.iflinks && !x.networkModeRaw.startsWith('container:'))) {
      for (const [ifName, hostIndex] of Object.entries(c.iflinks!)) {
        const entry = map.owners.get(veth(hostIndex).name)
        expect(entry).toMatchObject({ containerId: c.id, containerIfName: ifName, proof: 'iflink' })
      }
    }
  })

  it('puts each veth of the two-network container on a different bridge, the one it is enslaved to', () => {
    const multi = byName('multi')
    const entries = [...map.owners].filter(([, e]) => e.containerId === multi.id)
    expect(entries).toHaveLength(2)
    expect(new Set(entries.map(([, e]) => e.bridge)).size).toBe(2)
    for (const [name, e] of entries) expect(e.bridge).toBe(interfaces.find((i) => i.name === name)!.master)
  })

  it('does not give a container that shares another container\'s namespace veths of its own', () => {
    const sidecar = byName('sidecar')
    expect([...map.owners.values()].some((e) => e.containerId === sidecar.id)).toBe(false)
    const owned = recordedContainers.filter((c) => c.iflinks && !c.networkModeRaw.startsWith('container:'))
    expect(map.owners.size).toBe(owned.reduce((n, c) => n + Object.keys(c.iflinks!).length, 0))
  })

  it('gives host- and none-mode containers no veth', () => {
    for (const c of [byName('hosty'), byName('lonely')]) {
      expect([...map.owners.values()].some((e) => e.containerId === c.id)).toBe(false)
    }
  })

  it('reports a veth whose peer is in a namespace no container owns, instead of guessing', () => {
    // bvt-v0's peer lives in a netns made with `ip netns add`.
    expect(map.unresolved).toContainEqual(expect.objectContaining({ veth: 'bvt-v0', reason: 'no-candidate' }))
    expect(map.unresolved.every((u) => u.reason === 'no-candidate')).toBe(true)
  })
})

describe('resolving with less evidence', () => {
  it('still maps by unique index when neither namespace links nor container sysfs can be read, and says so', () => {
    const map = resolveVethMap({ ...recordedInput, probes: dump.probes.map(unprivileged), hostNetnsInodes: [] })
    const strong = resolveVethMap(recordedInput)
    expect([...map.owners.keys()].sort()).toEqual([...strong.owners.keys()].sort())
    for (const [name, e] of map.owners) {
      expect(e.containerId).toBe(strong.owners.get(name)!.containerId)
      expect(e.proof).toBe('unique-index')
    }
    expect(map.notes.some((n) => n.startsWith(byName('sidecar').id))).toBe(true)
  })

  it('carries a proof over to a veth with the same link-netnsid whose container side is unreadable', () => {
    const multi = byName('multi')
    const sharing = new Set([multi.pid, byName('sidecar').pid])
    const probes = dump.probes.map((p) => (sharing.has(p.pid) ? { ...p, iflinks: { eth0: p.iflinks!.eth0 } } : p))
    const eth1Veth = veth(multi.iflinks!.eth1)
    expect(eth1Veth.linkNetnsId).not.toBeNull()
    const map = resolveVethMap({ ...recordedInput, probes })
    expect(map.owners.get(eth1Veth.name)).toMatchObject({ containerId: multi.id, proof: 'netnsid' })
  })

  it('reports two unconfirmed namespaces holding the same index as ambiguous', () => {
    const web = byName('web')
    const webProbe = dump.probes.find((p) => p.pid === web.pid)!
    const twin: NamespaceProbe = { ...webProbe, pid: 999999, netnsInode: 1234, iflinks: null }
    const map = resolveVethMap({
      ...recordedInput,
      containers: [...refs, { id: 'twin', pid: 999999, networkModeRaw: 'bridge' }],
      probes: [...dump.probes.map((p) => (p.pid === web.pid ? { ...p, iflinks: null } : p)), twin],
    })
    const webVeth = veth(web.iflinks!.eth0)
    expect(map.owners.has(webVeth.name)).toBe(false)
    expect(map.unresolved.find((u) => u.veth === webVeth.name)).toMatchObject({ reason: 'ambiguous', candidates: expect.arrayContaining([web.id, 'twin']) })
  })

  it('lets the container-side iflink decide between two namespaces holding the same index', () => {
    const web = byName('web')
    const webProbe = dump.probes.find((p) => p.pid === web.pid)!
    const twin: NamespaceProbe = { ...webProbe, pid: 999999, netnsInode: 1234, iflinks: { eth0: 4242 } }
    const map = resolveVethMap({
      ...recordedInput,
      containers: [...refs, { id: 'twin', pid: 999999, networkModeRaw: 'bridge' }],
      probes: [...dump.probes, twin],
    })
    expect(map.owners.get(veth(web.iflinks!.eth0).name)).toMatchObject({ containerId: web.id, proof: 'iflink' })
  })

  it('reports the owner as unknown when only containers sharing the namespace are running', () => {
    const multi = byName('multi')
    const map = resolveVethMap({ ...recordedInput, containers: refs.filter((c) => c.id !== multi.id) })
    for (const index of Object.values(multi.iflinks!)) {
      expect(map.unresolved.find((u) => u.veth === veth(index).name)).toMatchObject({
        reason: 'owner-unknown',
        candidates: [byName('sidecar').id],
      })
    }
  })

  it('groups containers by namespace inode even when the mode does not say they share one', () => {
    const multi = byName('multi')
    const sidecar = byName('sidecar')
    const containers = refs.map((c) => (c.id === sidecar.id ? { ...c, networkModeRaw: 'bridge' } : c))
    const map = resolveVethMap({ ...recordedInput, containers })
    for (const index of Object.values(multi.iflinks!)) {
      expect(map.unresolved.find((u) => u.veth === veth(index).name)).toMatchObject({ reason: 'owner-unknown' })
      expect(map.owners.has(veth(index).name)).toBe(false)
    }
  })

  it('resolves a hundred namespaces in well under 50 ms', () => {
    const web = byName('web')
    const webProbe = dump.probes.find((p) => p.pid === web.pid)!
    const host = interfaces.filter((i) => i.kind !== 'veth')
    const veths: HostInterface[] = []
    const probes: NamespaceProbe[] = []
    const containers: RunningContainerRef[] = []
    for (let n = 0; n < 100; n++) {
      const hostIndex = 1000 + 2 * n
      veths.push({ ...veth(web.iflinks!.eth0), name: `vethsyn${n}`, index: hostIndex, peerIndex: hostIndex - 1 })
      probes.push({ ...webProbe, pid: 50000 + n, netnsInode: 7000 + n, interfaces: [{ index: hostIndex - 1, name: 'eth0' }], iflinks: { eth0: hostIndex } })
      containers.push({ id: `c${n}`, pid: 50000 + n, networkModeRaw: 'bridge' })
    }
    const started = performance.now()
    const map = resolveVethMap({ containers, probes, hostNetnsInodes: dump.hostNetnsInodes, interfaces: [...host, ...veths] })
    expect(performance.now() - started).toBeLessThan(50)
    expect(map.owners.size).toBe(100)
  })
})
