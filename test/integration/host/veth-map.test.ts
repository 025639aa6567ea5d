import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HostInterface } from '../../../electron/shared/types'
import { readInterfacesViaHelper } from '../../../electron/services/host/helper'
import { readHostInterfaces } from '../../../electron/services/host/interfaces'
import { readVethMap, resolveVethMap, type RunningContainerRef, type VethMap } from '../../../electron/services/host/veth-map'
import { testEngine, type TestEngine } from '../../support/engine'

let t: TestEngine
const ids: Record<'web' | 'multi' | 'sidecar' | 'hosty' | 'lonely', string> = { web: '', multi: '', sidecar: '', hosty: '', lonely: '' }
const bridgeOf = new Map<string, string>()

beforeAll(async () => {
  t = testEngine('host-veth')
  const front = await t.network(`${t.runId}-front`)
  const back = await t.network(`${t.runId}-back`)
  ids.web = (await t.container(`${t.runId}-web`)).id
  const multi = await t.container(`${t.runId}-multi`, { HostConfig: { NetworkMode: `${t.runId}-back` } })
  await front.connect({ Container: multi.id })
  ids.multi = multi.id
  ids.sidecar = (await t.container(`${t.runId}-sidecar`, { HostConfig: { NetworkMode: `container:${multi.id}` } })).id
  ids.hosty = (await t.container(`${t.runId}-hosty`, { HostConfig: { NetworkMode: 'host' } })).id
  ids.lonely = (await t.container(`${t.runId}-lonely`, { HostConfig: { NetworkMode: 'none' } })).id
  for (const n of [front, back, t.docker.getNetwork('bridge')]) {
    const info = await n.inspect()
    bridgeOf.set(info.Name, info.Options?.['com.docker.network.bridge.name'] ?? `br-${info.Id.slice(0, 12)}`)
  }
})
afterAll(async () => {
  await t?.cleanup()
})

/** Every running container of the engine, as the topology service would pass them. */
async function runningRefs(docker: Docker): Promise<RunningContainerRef[]> {
  const list = await docker.listContainers()
  const refs = await Promise.all(
    list.map(async (c) => {
      const i = await docker.getContainer(c.Id).inspect().catch(() => null)
      return i?.State.Running ? { id: i.Id, pid: i.State.Pid, networkModeRaw: String(i.HostConfig.NetworkMode) } : null
    }),
  )
  return refs.filter((r): r is RunningContainerRef => r !== null)
}

/** The container's own view, by `docker exec` (ground truth; tests only): name → iflink and MAC. */
async function insideView(id: string): Promise<Map<string, { iflink: number; mac: string }>> {
  const out = await t.cli(['exec', id, 'sh', '-c', 'grep -H "" /sys/class/net/*/iflink /sys/class/net/*/address'])
  const view = new Map<string, { iflink: number; mac: string }>()
  for (const m of out.matchAll(/\/class\/net\/([^/]+)\/(iflink|address):(.*)/g)) {
    if (m[1] === 'lo') continue
    const entry = view.get(m[1]) ?? { iflink: 0, mac: '' }
    if (m[2] === 'iflink') entry.iflink = Number(m[3])
    else entry.mac = m[3].trim()
    view.set(m[1], entry)
  }
  return view
}

let ifaces: HostInterface[]
let map: VethMap
let refs: RunningContainerRef[]

describe.runIf(process.platform === 'linux')('mapping host veths to containers on the test engine', () => {
  beforeAll(async () => {
    refs = await runningRefs(t.docker)
    ifaces = await readHostInterfaces()
    map = await readVethMap(refs, ifaces)
  })

  it('maps each container interface to the host veth whose index its own iflink names', async () => {
    for (const id of [ids.web, ids.multi]) {
      for (const [ifName, { iflink }] of await insideView(id)) {
        const veth = ifaces.find((i) => i.index === iflink)!
        expect(veth.kind).toBe('veth')
        expect(map.owners.get(veth.name)).toMatchObject({ containerId: id, containerIfName: ifName, proof: 'iflink' })
        expect(veth.peerIndex).toBe(map.owners.get(veth.name)!.containerIfIndex)
      }
    }
  })

  it('puts the two veths of a container on two networks each on its network\'s bridge', async () => {
    const info = await t.docker.getContainer(ids.multi).inspect()
    const view = await insideView(ids.multi)
    const networks = Object.entries(info.NetworkSettings.Networks)
    expect(networks).toHaveLength(2)
    for (const [name, endpoint] of networks) {
      const [ifName, { iflink }] = [...view].find(([, v]) => v.mac === endpoint.MacAddress)!
      const veth = ifaces.find((i) => i.index === iflink)!
      expect(veth.master).toBe(bridgeOf.get(name))
      expect(map.owners.get(veth.name)).toMatchObject({ containerId: ids.multi, containerIfName: ifName, bridge: bridgeOf.get(name) })
    }
  })

  it('gives the default-bridge container a veth on docker0', async () => {
    const entries = [...map.owners.values()].filter((e) => e.containerId === ids.web)
    expect(entries).toHaveLength(1)
    expect(entries[0].bridge).toBe(bridgeOf.get('bridge'))
  })

  it('does not map anything to a container that shares another\'s namespace, nor duplicate the owner\'s veths', async () => {
    expect([...map.owners.values()].filter((e) => e.containerId === ids.sidecar)).toEqual([])
    expect([...map.owners.values()].filter((e) => e.containerId === ids.multi)).toHaveLength(2)
    const sidecarView = await insideView(ids.sidecar)
    expect([...sidecarView.values()].map((v) => v.iflink).sort()).toEqual([...(await insideView(ids.multi)).values()].map((v) => v.iflink).sort())
  })

  it('gives host- and none-mode containers no veth', () => {
    for (const id of [ids.hosty, ids.lonely]) expect([...map.owners.values()].some((e) => e.containerId === id)).toBe(false)
  })

  it('leaves no veth of a running container unresolved', () => {
    const ours = new Set(Object.values(ids))
    expect(map.unresolved.filter((u) => u.candidates.some((c) => ours.has(c)))).toEqual([])
  })

  it('builds the same map from the helper container\'s dump', async () => {
    const helper = await readInterfacesViaHelper(t.docker, { labels: t.labels, pids: refs.map((r) => r.pid) })
    const viaHelper = resolveVethMap({ containers: refs, probes: helper.probes, hostNetnsInodes: helper.hostNetnsInodes, interfaces: helper.interfaces })
    const ours = new Set(Object.values(ids))
    const pick = (m: VethMap) => [...m.owners].filter(([, e]) => ours.has(e.containerId)).sort(([a], [b]) => a.localeCompare(b))
    expect(pick(viaHelper)).toEqual(pick(map))
    expect(pick(map)).toHaveLength(3)
  })
})
