import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectEngine, type EngineService } from '../../../electron/services/engine/engine'
import { directHostReader, helperHostReader } from '../../../electron/services/host-select'
import { TopologyService } from '../../../electron/services/topology/topology'
import type { Topology, TopologyChange } from '../../../electron/shared/types'
import { execFileAsync, testEngine, type TestEngine } from '../../support/engine'

let t: TestEngine
let engine: EngineService
let topo: Topology
const ids: Record<string, string> = {}
const name = (s: string) => `${t.runId}-${s}`

async function ipJson(args: string[]): Promise<any[]> {
  const { stdout } = await execFileAsync('ip', ['-j', ...args])
  return JSON.parse(stdout)
}

beforeAll(async () => {
  t = testEngine('topo')
  engine = await connectEngine({ host: t.host })
  const custom = await t.network(name('custom'), { IPAM: { Driver: 'default', Config: [{ Subnet: '10.213.20.0/24', Gateway: '10.213.20.1' }] } })
  const back = await t.network(name('back'), { IPAM: { Driver: 'default', Config: [{ Subnet: '10.213.21.0/24' }] } })
  ids.custom = custom.id
  ids.back = back.id
  ids.onBridge = (await t.container(name('onbridge'))).id
  ids.twoNets = (await t.container(name('twonets'), { HostConfig: { NetworkMode: name('custom') } })).id
  await back.connect({ Container: ids.twoNets })
  ids.sharer = (await t.container(name('sharer'), { HostConfig: { NetworkMode: `container:${ids.twoNets}` } })).id
  ids.hosty = (await t.container(name('hosty'), { HostConfig: { NetworkMode: 'host' } })).id
  ids.lonely = (await t.container(name('lonely'), { HostConfig: { NetworkMode: 'none' } })).id
  topo = await new TopologyService(engine, directHostReader()).snapshot()
})
afterAll(async () => {
  await t.cleanup()
})

const container = (id: string) => topo.containers.find((c) => c.id === id)!
const iface = (n: string) => topo.interfaces.find((i) => i.name === n)!

describe('the topology of a real engine', () => {
  it("shows the note's first scene: a busybox on the default bridge has a veth whose master is docker0 and that maps to it", () => {
    const c = container(ids.onBridge)
    expect(c.networkMode).toBe('bridge')
    expect(c.endpoints).toHaveLength(1)
    const veth = c.endpoints[0].hostVeth
    expect(veth).toMatch(/^veth/)
    expect(iface(veth!).master).toBe('docker0')
    expect(iface(veth!).container).toBe(c.id)
    expect(iface(veth!).network).toBe(topo.networks.find((n) => n.name === 'bridge')!.id)
  })

  it("reports docker0's address, netmask and broadcast as `ip -j addr` does", async () => {
    const [truth] = await ipJson(['addr', 'show', 'docker0'])
    const inet = truth.addr_info.find((a: any) => a.family === 'inet')
    const docker0 = iface('docker0')
    expect(docker0.kind).toBe('bridge')
    expect(docker0.ipv4[0].address).toBe(inet.local)
    expect(docker0.ipv4[0].prefixLen).toBe(inet.prefixlen)
    expect(docker0.ipv4[0].broadcast).toBe(inet.broadcast)
    const mask = (0xffffffff << (32 - inet.prefixlen)) >>> 0
    expect(docker0.ipv4[0].netmask).toBe([24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.'))
    expect(docker0.mac).toBe(truth.address)
    expect(docker0.mtu).toBe(truth.mtu)
  })

  it('carries a user-defined network on br-<12 hex of its id>, which holds its gateway address', () => {
    const net = topo.networks.find((n) => n.id === ids.custom)!
    expect(net.bridge).toBe(`br-${ids.custom.slice(0, 12)}`)
    const br = iface(net.bridge!)
    expect(br.kind).toBe('bridge')
    expect(br.network).toBe(ids.custom)
    expect(br.ipv4.map((a) => `${a.address}/${a.prefixLen}`)).toEqual(['10.213.20.1/24'])
  })

  it('gives a container on two networks two veths, each on the right bridge', () => {
    const c = container(ids.twoNets)
    expect(c.endpoints.map((e) => e.networkId).sort()).toEqual([ids.custom, ids.back].sort())
    for (const e of c.endpoints) {
      const bridge = topo.networks.find((n) => n.id === e.networkId)!.bridge
      expect(e.hostVeth).not.toBeNull()
      expect(iface(e.hostVeth!).master).toBe(bridge)
    }
    expect(new Set(c.endpoints.map((e) => e.hostVeth)).size).toBe(2)
  })

  it('classifies host and none mode containers and gives them no veth', () => {
    expect(container(ids.hosty).networkMode).toBe('host')
    expect(container(ids.lonely).networkMode).toBe('none')
    for (const id of [ids.hosty, ids.lonely]) {
      expect(container(id).endpoints.every((e) => e.hostVeth === null)).toBe(true)
      expect(topo.interfaces.some((i) => i.container === id)).toBe(false)
    }
  })

  it("lets a container:<id> container share its owner's endpoints, without a veth of its own", () => {
    const s = container(ids.sharer)
    expect(s.networkMode).toBe('container')
    expect(s.sharesNetworkWith).toBe(ids.twoNets)
    expect(s.endpoints.map((e) => e.hostVeth).sort()).toEqual(container(ids.twoNets).endpoints.map((e) => e.hostVeth).sort())
    expect(topo.interfaces.some((i) => i.container === ids.sharer)).toBe(false)
  })

  it("maps every host veth to exactly one container, agreeing with the container's own view of its iflink", async () => {
    // Docker's veths are the ones plugged into a Docker network's bridge (others may be a test's own netns pairs).
    const bridges = new Set(topo.networks.map((n) => n.bridge).filter(Boolean))
    const veths = topo.interfaces.filter((i) => i.kind === 'veth' && bridges.has(i.master))
    const links = (await ipJson(['link', 'show', 'type', 'veth'])).filter((l: any) => bridges.has(l.master))
    expect(veths.map((v) => v.name).sort()).toEqual(links.map((l: any) => l.ifname).sort())
    expect(veths.length).toBeGreaterThanOrEqual(3)
    for (const v of veths) {
      expect(v.container, v.name).not.toBeNull()
      const owner = container(v.container!)
      const endpoint = owner.endpoints.find((e) => e.hostVeth === v.name)!
      expect(endpoint, v.name).toBeDefined()
      if (!owner.labels['bridgeview.test']?.startsWith(t.runId)) continue
      // Ground truth from inside: the container-side interface names the host veth's index as its link.
      const inside = await t.cli(['exec', owner.id, 'cat', `/sys/class/net/${endpoint.containerIfName}/iflink`])
      expect(Number(inside.trim())).toBe(v.index)
      const ifindex = await t.cli(['exec', owner.id, 'cat', `/sys/class/net/${endpoint.containerIfName}/ifindex`])
      expect(Number(ifindex.trim())).toBe(v.peerIndex)
    }
  })

  it('gives the same veth map when the host is read through the helper container', async () => {
    const viaHelper = await new TopologyService(engine, helperHostReader(engine, t.labels)).snapshot()
    expect(viaHelper.interfacesSource).toBe('helper-container')
    const map = (x: Topology) => x.interfaces.filter((i) => i.kind === 'veth').map((i) => `${i.name}>${i.master}>${i.container}`).sort()
    const direct = await new TopologyService(engine, directHostReader()).snapshot()
    expect(map(viaHelper)).toEqual(map(direct))
    expect(viaHelper.interfaces.map((i) => i.name).sort()).toEqual(direct.interfaces.map((i) => i.name).sort())
  })
})

describe('live updates from engine events', () => {
  it('shows a connect and a disconnect without a full reload', async () => {
    const changes: TopologyChange[] = []
    const service = new TopologyService(engine, directHostReader(), { onChange: (c) => changes.push(c) })
    let fullSyncs = 0
    const original = service.fullSync.bind(service)
    service.fullSync = async () => {
      fullSyncs++
      return original()
    }
    await service.snapshot()
    service.start()
    try {
      await new Promise((r) => setTimeout(r, 300))
      expect(fullSyncs).toBe(1)
      await engine.docker.getNetwork(ids.custom).connect({ Container: ids.onBridge })
      await waitFor(() => changes.some((c) => c.causes.includes('network:connect')))
      const after = await service.snapshot()
      const endpoint = after.containers.find((c) => c.id === ids.onBridge)!.endpoints.find((e) => e.networkId === ids.custom)
      expect(endpoint?.ipv4).toMatch(/^10\.213\.20\./)
      expect(after.interfaces.find((i) => i.name === endpoint!.hostVeth)!.master).toBe(`br-${ids.custom.slice(0, 12)}`)

      await engine.docker.getNetwork(ids.custom).disconnect({ Container: ids.onBridge })
      await waitFor(() => changes.some((c) => c.causes.includes('network:disconnect')))
      const gone = await service.snapshot()
      expect(gone.containers.find((c) => c.id === ids.onBridge)!.endpoints.map((e) => e.networkId)).not.toContain(ids.custom)
      expect(fullSyncs).toBe(1)
      expect(changes.every((c) => c.kinds.includes('networks'))).toBe(true)
    } finally {
      service.stop()
    }
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the condition')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('the host reading kept between snapshots', () => {
  it('sees an interface the moment the kernel announces it, and fresh counters every time', async () => {
    const reader = directHostReader()
    await reader.read([])
    await new Promise((r) => setTimeout(r, 400))
    const first = await reader.read([])
    const name = `bvmon${process.pid % 10000}`
    try {
      await execFileAsync('ip', ['link', 'add', name, 'type', 'bridge'])
      await new Promise((r) => setTimeout(r, 100))
      const second = await reader.read([])
      expect(first.interfaces.some((i) => i.name === name)).toBe(false)
      expect(second.interfaces.find((i) => i.name === name)?.kind).toBe('bridge')
      await execFileAsync('ip', ['addr', 'add', '10.213.99.1/24', 'dev', name])
      await new Promise((r) => setTimeout(r, 100))
      const third = await reader.read([])
      expect(third.interfaces.find((i) => i.name === name)?.ipv4.map((a) => a.address)).toEqual(['10.213.99.1'])
      const lo = (x: typeof first) => x.interfaces.find((i) => i.name === 'lo')!.rx.packets
      await loopbackTraffic()
      const fourth = await reader.read([])
      expect(lo(fourth)).toBeGreaterThan(lo(third))
      const [truth] = JSON.parse((await execFileAsync('ip', ['-j', '-s', 'link', 'show', 'lo'])).stdout)
      expect(lo(fourth)).toBeLessThanOrEqual(truth.stats64.rx.packets)
    } finally {
      await execFileAsync('ip', ['link', 'del', name]).catch(() => undefined)
    }
  })
})

/** A few packets over 127.0.0.1, the only address this test may talk to. */
async function loopbackTraffic(): Promise<void> {
  const { createServer, connect } = await import('node:net')
  const server = createServer((socket) => socket.end('pong'))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve, reject) => {
    const client = connect(port, '127.0.0.1', () => client.write('ping'))
    client.on('data', () => client.end())
    client.on('close', () => resolve())
    client.on('error', reject)
  })
  server.close()
}
