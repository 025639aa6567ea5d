import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bridgeInterfaceFor, classifyNetworkMode, engineKind, mapNetwork } from '../../../electron/services/engine/mappers'
import { composeTopology, type RawContainer } from '../../../electron/services/topology/compose'
import type { EngineInfo, HostInterface } from '../../../electron/shared/types'

// Recorded from a real engine (Docker 20.10, API 1.41): see test/fixtures/engine-20.10.
const dir = join(__dirname, '../../fixtures/engine-20.10')
const networksJson = JSON.parse(readFileSync(join(dir, 'networks.json'), 'utf8'))
const containersJson = JSON.parse(readFileSync(join(dir, 'containers.json'), 'utf8'))
const ps = JSON.parse(readFileSync(join(dir, 'ps.json'), 'utf8')) as Array<{ Id: string; Status: string }>

const engine: EngineInfo = {
  version: '20.10.24',
  apiVersion: '1.41',
  os: 'linux',
  operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6',
  arch: 'x86_64',
  hostName: 'h',
  kind: 'native-linux',
  endpoint: 'unix:///var/run/docker.sock',
}

const raw = (name: string) => containersJson.find((c: any) => c.Name === `/${name}`)
const rawContainers: RawContainer[] = containersJson.map((c: any) => ({ inspect: c, listStatus: ps.find((p) => p.Id === c.Id)?.Status ?? null }))

function veth(name: string, index: number, master: string, peer: number): HostInterface {
  const zero = { packets: 0, bytes: 0, errors: 0, dropped: 0, overruns: 0 }
  return {
    name, index, kind: 'veth', flags: ['UP'], flagsValue: 4163, mtu: 1500, mac: null, txqueuelen: 0, operState: 'up',
    ipv4: [], ipv6: [], master, peerIndex: peer, linkNetnsId: 0,
    rx: { ...zero, frame: 0 }, tx: { ...zero, carrier: 0, collisions: 0 }, container: null, network: null,
  }
}

describe('network mapping', () => {
  it('names the host bridge docker0 for the default network and br-<12 hex> for a user-defined one', () => {
    const byName = new Map(networksJson.map((n: any) => [n.Name, mapNetwork(n)]))
    expect((byName.get('bridge') as any).bridge).toBe('docker0')
    const custom = byName.get('custombridge') as any
    expect(custom.bridge).toBe(`br-${custom.id.slice(0, 12)}`)
    expect(custom.subnets).toEqual([{ subnet: '10.213.50.0/24', gateway: '10.213.50.1' }])
    expect((byName.get('host') as any).bridge).toBeNull()
    expect((byName.get('none') as any).driver).toBe('null')
  })

  it('prefers the bridge-name option when a network sets it', () => {
    expect(bridgeInterfaceFor({ Id: 'f'.repeat(64), Name: 'x', Driver: 'bridge', Options: { 'com.docker.network.bridge.name': 'mybr0' } })).toBe('mybr0')
  })

  it('counts members from the inspect Containers map', () => {
    const custom = mapNetwork(networksJson.find((n: any) => n.Name === 'custombridge'))
    expect(custom.containers).toEqual([raw('db2').Id])
    expect(custom.memberCount).toBe(1)
  })
})

describe('container mapping and relations', () => {
  const networks = networksJson
  const bridgeNet = networks.find((n: any) => n.Name === 'bridge')
  const custom = networks.find((n: any) => n.Name === 'custombridge')
  const back = networks.find((n: any) => n.Name === 'backnet')
  const topo = composeTopology({
    engine,
    networks,
    containers: rawContainers,
    interfaces: [
      veth('vethweb', 28, 'docker0', 27),
      veth('vethdb2a', 30, `br-${custom.Id.slice(0, 12)}`, 29),
      veth('vethdb2b', 32, `br-${back.Id.slice(0, 12)}`, 31),
    ],
    interfacesSource: 'host',
    interfacesNote: null,
    vethOwners: new Map([
      ['vethweb', { containerId: raw('web').Id, containerIfIndex: 27, containerIfName: 'eth0' }],
      ['vethdb2a', { containerId: raw('db2').Id, containerIfIndex: 29, containerIfName: 'eth0' }],
      ['vethdb2b', { containerId: raw('db2').Id, containerIfIndex: 31, containerIfName: 'eth1' }],
    ]),
  })
  const c = (name: string) => topo.containers.find((x) => x.name === name)!

  it('classifies bridge, user, container, host and none modes', () => {
    expect(c('web').networkMode).toBe('bridge')
    expect(c('db2').networkMode).toBe('user')
    expect(c('sidecar').networkMode).toBe('container')
    expect(c('hosty').networkMode).toBe('host')
    expect(c('lonely').networkMode).toBe('none')
    expect(classifyNetworkMode('default')).toBe('bridge')
  })

  it('gives each endpoint the veth plugged into that network’s bridge', () => {
    expect(c('web').endpoints.map((e) => [e.networkId, e.hostVeth])).toEqual([[bridgeNet.Id, 'vethweb']])
    const db2 = c('db2').endpoints
    expect(db2.find((e) => e.networkName === 'custombridge')!.hostVeth).toBe('vethdb2a')
    expect(db2.find((e) => e.networkName === 'backnet')!.hostVeth).toBe('vethdb2b')
    expect(db2.find((e) => e.networkName === 'backnet')!.containerIfName).toBe('eth1')
    expect(topo.interfaces.find((i) => i.name === 'vethdb2b')!.network).toBe(back.Id)
  })

  it('follows container:<id> to the owner and shares its endpoints', () => {
    expect(c('sidecar').sharesNetworkWith).toBe(raw('db2').Id)
    expect(c('sidecar').endpoints.map((e) => e.ipv4)).toEqual(c('db2').endpoints.map((e) => e.ipv4))
  })

  it('reports the user-defined network DNS names and none for the default bridge', () => {
    const ep = c('db2').endpoints.find((e) => e.networkName === 'custombridge')!
    expect(ep.dnsNames).toEqual(expect.arrayContaining(['db2', 'database']))
    expect(c('web').endpoints[0].dnsNames).toEqual([])
  })

  it('keeps published ports with host address and port', () => {
    expect(c('web').ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }])
    expect(c('web').status).toMatch(/^Up/)
  })

  it('never carries environment variables into the snapshot', () => {
    expect(JSON.stringify(raw('web').Config.Env)).toContain('hunter2')
    expect(JSON.stringify(topo)).not.toContain('hunter2')
  })
})

describe('engine kind', () => {
  it('tells Docker Desktop, Podman, remote and native Linux apart', () => {
    expect(engineKind({ OperatingSystem: 'Docker Desktop' }, { Os: 'linux' }, 'unix:///x', 'darwin')).toBe('docker-desktop')
    expect(engineKind({}, { Components: [{ Name: 'Podman Engine' }], Os: 'linux' }, 'unix:///x', 'linux')).toBe('podman')
    expect(engineKind({}, { Os: 'linux' }, 'tcp://10.0.0.1:2375', 'linux')).toBe('remote')
    expect(engineKind({ OperatingSystem: 'Debian' }, { Os: 'linux' }, 'unix:///var/run/docker.sock', 'linux')).toBe('native-linux')
  })
})
