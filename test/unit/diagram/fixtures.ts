/**
 * Topologies for diagram tests, shaped like what the engine service reports on a Debian
 * host running Docker: the three built-in networks, one user-defined bridge, and the
 * containers a networking lesson uses (mysqlDB on the default bridge, mysqlDB2 on
 * custombridge with a busybox sharing its namespace, a host-mode and a none-mode
 * container, one container on both bridges).
 */
import type {
  Container,
  Endpoint,
  HostInterface,
  Network,
  PortBinding,
  Topology,
} from '../../../electron/shared/types'

export const IDS = {
  bridgeNet: '3f6a1c2b9d8e7f60a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718',
  hostNet: '7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5',
  noneNet: '0b9a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b',
  customNet: 'c8e2f91a4b7d3e6f5a2c1b0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f',
  mysqlDB: 'e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2',
  mysqlDB2: 'a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8',
  sidecar: '5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c',
  webhost: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b',
  sandbox: '9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e',
  bridgeapp: '4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f',
  oldjob: '6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c',
  mystery: '2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d',
} as const

export const CUSTOM_BRIDGE = `br-${IDS.customNet.slice(0, 12)}`

const zeroRx = { packets: 0, bytes: 0, errors: 0, dropped: 0, overruns: 0, frame: 0 }
const zeroTx = { packets: 0, bytes: 0, errors: 0, dropped: 0, overruns: 0, carrier: 0, collisions: 0 }

export function network(partial: Partial<Network> & Pick<Network, 'id' | 'name' | 'driver'>): Network {
  return {
    scope: 'local',
    internal: false,
    attachable: false,
    ingress: false,
    enableIPv6: false,
    created: '2024-05-01T09:00:00.000000000Z',
    ipamDriver: 'default',
    ipam: [],
    subnets: [],
    options: {},
    labels: {},
    bridge: null,
    containers: [],
    memberCount: 0,
    ...partial,
  }
}

export function endpoint(net: Network, partial: Partial<Endpoint> = {}): Endpoint {
  return {
    networkId: net.id,
    networkName: net.name,
    endpointId: (net.id.slice(0, 32) + (partial.ipv4 ?? 'x').replace(/\D/g, '')).padEnd(64, '0').slice(0, 64),
    ipv4: null,
    prefixLen: null,
    ipv6: null,
    ipv6PrefixLen: null,
    mac: null,
    gateway: net.subnets[0]?.gateway ?? null,
    ipv6Gateway: null,
    aliases: [],
    dnsNames: [],
    hostVeth: null,
    containerIfIndex: null,
    containerIfName: null,
    ...partial,
  }
}

export function container(partial: Partial<Container> & Pick<Container, 'id' | 'name' | 'image'>): Container {
  return {
    state: 'running',
    status: 'Up 2 hours',
    created: '2024-05-01T09:30:00Z',
    networkMode: 'bridge',
    networkModeRaw: 'default',
    sharesNetworkWith: null,
    pid: 4242,
    ports: [],
    labels: {},
    endpoints: [],
    ...partial,
  }
}

export function iface(partial: Partial<HostInterface> & Pick<HostInterface, 'name' | 'index' | 'kind'>): HostInterface {
  return {
    flags: ['UP', 'BROADCAST', 'RUNNING', 'MULTICAST'],
    flagsValue: 4163,
    mtu: 1500,
    mac: null,
    txqueuelen: 1000,
    operState: 'up',
    ipv4: [],
    ipv6: [],
    master: null,
    peerIndex: null,
    linkNetnsId: null,
    rx: zeroRx,
    tx: zeroTx,
    container: null,
    network: null,
    ...partial,
  }
}

function v4(address: string, prefixLen: number): HostInterface['ipv4'][number] {
  const netmask = prefixLen === 16 ? '255.255.0.0' : prefixLen === 24 ? '255.255.255.0' : '255.0.0.0'
  return { address, prefixLen, netmask, broadcast: null }
}

const published = (containerPort: number, hostPort: number): PortBinding[] => [
  { containerPort, protocol: 'tcp', hostIp: '0.0.0.0', hostPort },
  { containerPort, protocol: 'tcp', hostIp: '::', hostPort },
]

export interface FixtureOptions {
  /** Adds a stopped container and a running one whose host veth could not be proven. */
  extras?: boolean
}

/** The lesson scene: see the module comment. */
export function fixtureTopology(options: FixtureOptions = {}): Topology {
  const bridgeNet = network({
    id: IDS.bridgeNet,
    name: 'bridge',
    driver: 'bridge',
    bridge: 'docker0',
    subnets: [{ subnet: '172.17.0.0/16', gateway: '172.17.0.1' }],
    ipam: [{ subnet: '172.17.0.0/16', ipRange: null, gateway: '172.17.0.1', auxAddresses: {} }],
    options: { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.name': 'docker0' },
  })
  const hostNet = network({ id: IDS.hostNet, name: 'host', driver: 'host' })
  const noneNet = network({ id: IDS.noneNet, name: 'none', driver: 'null' })
  const customNet = network({
    id: IDS.customNet,
    name: 'custombridge',
    driver: 'bridge',
    bridge: CUSTOM_BRIDGE,
    subnets: [{ subnet: '172.18.0.0/16', gateway: '172.18.0.1' }],
    ipam: [{ subnet: '172.18.0.0/16', ipRange: null, gateway: '172.18.0.1', auxAddresses: {} }],
  })

  const mysqlDBEndpoint = endpoint(bridgeNet, {
    ipv4: '172.17.0.2',
    prefixLen: 16,
    mac: '02:42:ac:11:00:02',
    hostVeth: 'veth1a2b3c4',
    containerIfName: 'eth0',
    containerIfIndex: 11,
  })
  const mysqlDB2Endpoint = endpoint(customNet, {
    ipv4: '172.18.0.2',
    prefixLen: 16,
    mac: '02:42:ac:12:00:02',
    hostVeth: 'vethd4e5f60',
    containerIfName: 'eth0',
    containerIfIndex: 13,
    aliases: ['mysqlDB2', 'a9b8c7d6e5f4'],
    dnsNames: ['mysqlDB2', 'a9b8c7d6e5f4'],
  })
  const containers: Container[] = [
    container({
      id: IDS.mysqlDB,
      name: 'mysqlDB',
      image: 'mysql:8.0',
      ports: published(3306, 3306),
      endpoints: [mysqlDBEndpoint],
    }),
    container({
      id: IDS.mysqlDB2,
      name: 'mysqlDB2',
      image: 'mysql:8.0',
      networkMode: 'user',
      networkModeRaw: 'custombridge',
      ports: published(3306, 3307),
      endpoints: [mysqlDB2Endpoint],
    }),
    container({
      id: IDS.sidecar,
      name: 'busybox',
      image: 'busybox:1.36',
      networkMode: 'container',
      networkModeRaw: `container:${IDS.mysqlDB2}`,
      sharesNetworkWith: IDS.mysqlDB2,
      endpoints: [mysqlDB2Endpoint],
    }),
    container({
      id: IDS.webhost,
      name: 'webhost',
      image: 'nginx:1.25',
      networkMode: 'host',
      networkModeRaw: 'host',
      endpoints: [endpoint(hostNet)],
    }),
    container({
      id: IDS.sandbox,
      name: 'sandbox',
      image: 'alpine:3.19',
      networkMode: 'none',
      networkModeRaw: 'none',
      endpoints: [endpoint(noneNet)],
    }),
    container({
      id: IDS.bridgeapp,
      name: 'bridgeapp',
      image: 'node:20-alpine',
      networkMode: 'user',
      networkModeRaw: 'custombridge',
      endpoints: [
        endpoint(bridgeNet, { ipv4: '172.17.0.3', prefixLen: 16, mac: '02:42:ac:11:00:03', hostVeth: 'vethcc33dd4', containerIfName: 'eth1' }),
        endpoint(customNet, { ipv4: '172.18.0.3', prefixLen: 16, mac: '02:42:ac:12:00:03', hostVeth: 'vethaa11bb2', containerIfName: 'eth0' }),
      ],
    }),
  ]

  const interfaces: HostInterface[] = [
    iface({ name: 'lo', index: 1, kind: 'loopback', flags: ['UP', 'LOOPBACK', 'RUNNING'], flagsValue: 73, mtu: 65536, ipv4: [v4('127.0.0.1', 8)] }),
    iface({ name: 'eth0', index: 2, kind: 'physical', mac: '52:54:00:12:34:56', ipv4: [v4('192.168.1.20', 24)] }),
    iface({ name: 'docker0', index: 3, kind: 'bridge', mac: '02:42:5e:7a:1b:01', ipv4: [v4('172.17.0.1', 16)], network: IDS.bridgeNet }),
    iface({ name: CUSTOM_BRIDGE, index: 4, kind: 'bridge', mac: '02:42:8d:3c:2f:02', ipv4: [v4('172.18.0.1', 16)], network: IDS.customNet }),
    iface({ name: 'veth1a2b3c4', index: 12, kind: 'veth', master: 'docker0', peerIndex: 11, linkNetnsId: 0, container: IDS.mysqlDB, network: IDS.bridgeNet }),
    iface({ name: 'vethd4e5f60', index: 14, kind: 'veth', master: CUSTOM_BRIDGE, peerIndex: 13, linkNetnsId: 1, container: IDS.mysqlDB2, network: IDS.customNet }),
    iface({ name: 'vethaa11bb2', index: 16, kind: 'veth', master: CUSTOM_BRIDGE, peerIndex: 15, linkNetnsId: 2, container: IDS.bridgeapp, network: IDS.customNet }),
    iface({ name: 'vethcc33dd4', index: 18, kind: 'veth', master: 'docker0', peerIndex: 17, linkNetnsId: 2, container: IDS.bridgeapp, network: IDS.bridgeNet }),
  ]

  if (options.extras) {
    containers.push(
      container({
        id: IDS.oldjob,
        name: 'oldjob',
        image: 'python:3.12-slim',
        state: 'exited',
        status: 'Exited (0) 3 hours ago',
        pid: null,
        networkMode: 'user',
        networkModeRaw: 'custombridge',
        endpoints: [endpoint(customNet)],
      }),
      container({
        id: IDS.mystery,
        name: 'mystery',
        image: 'redis:7',
        endpoints: [endpoint(bridgeNet, { ipv4: '172.17.0.4', prefixLen: 16, mac: '02:42:ac:11:00:04' })],
      }),
    )
  }

  bridgeNet.containers = containers.filter((c) => c.state === 'running' && c.endpoints.some((e) => e.networkId === bridgeNet.id) && c.networkMode !== 'container').map((c) => c.id)
  customNet.containers = [IDS.mysqlDB2, IDS.bridgeapp]
  hostNet.containers = [IDS.webhost]
  noneNet.containers = [IDS.sandbox]
  for (const n of [bridgeNet, hostNet, noneNet, customNet]) n.memberCount = n.containers.length

  return {
    engine: {
      version: '27.3.1',
      apiVersion: '1.47',
      os: 'linux',
      operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0-26-amd64',
      arch: 'x86_64',
      hostName: 'devbox',
      kind: 'native-linux',
      endpoint: 'unix:///var/run/docker.sock',
    },
    networks: [bridgeNet, hostNet, noneNet, customNet],
    containers,
    interfaces,
    interfacesSource: 'host',
    interfacesNote: null,
    takenAt: '2024-05-01T11:00:00.000Z',
  }
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0')

/**
 * N running containers spread round-robin over M bridges (the default `bridge` plus M-1
 * user-defined ones), each with its veth, and every tenth publishing a port.
 */
export function generatedTopology(containerCount: number, bridgeCount: number): Topology {
  const base = fixtureTopology()
  const bridges: Network[] = []
  const interfaces: HostInterface[] = base.interfaces.filter((i) => i.kind === 'loopback' || i.kind === 'physical')
  for (let b = 0; b < bridgeCount; b++) {
    const id = `${hex(b + 1, 8)}${'ab'.repeat(28)}`
    const isDefault = b === 0
    const bridgeName = isDefault ? 'docker0' : `br-${id.slice(0, 12)}`
    const second = 17 + b
    bridges.push(
      network({
        id,
        name: isDefault ? 'bridge' : `net-${String(b).padStart(2, '0')}`,
        driver: 'bridge',
        bridge: bridgeName,
        subnets: [{ subnet: `172.${second}.0.0/16`, gateway: `172.${second}.0.1` }],
      }),
    )
    interfaces.push(iface({ name: bridgeName, index: 100 + b, kind: 'bridge', ipv4: [v4(`172.${second}.0.1`, 16)], network: id }))
  }
  const containers: Container[] = []
  for (let i = 0; i < containerCount; i++) {
    const net = bridges[i % bridgeCount]
    const n = Math.floor(i / bridgeCount) + 2
    const second = 17 + (i % bridgeCount)
    const ip = `172.${second}.${Math.floor(n / 256)}.${n % 256}`
    const veth = `veth${hex(i, 7)}`
    const id = `${hex(i, 8)}${'cd'.repeat(28)}`
    containers.push(
      container({
        id,
        name: `svc-${String(i).padStart(5, '0')}`,
        image: i % 3 === 0 ? 'nginx:1.25' : i % 3 === 1 ? 'redis:7' : 'postgres:16',
        networkMode: net.name === 'bridge' ? 'bridge' : 'user',
        networkModeRaw: net.name === 'bridge' ? 'default' : net.name,
        ports: i % 10 === 0 ? [{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 20000 + i }] : [],
        endpoints: [endpoint(net, { ipv4: ip, prefixLen: 16, mac: `02:42:ac:${hex(second, 2)}:${hex(Math.floor(n / 256), 2)}:${hex(n % 256, 2)}`, hostVeth: veth })],
      }),
    )
    interfaces.push(iface({ name: veth, index: 1000 + i, kind: 'veth', master: net.bridge, container: id, network: net.id }))
  }
  const topology = { ...base, networks: [...bridges, ...base.networks.filter((n) => n.driver !== 'bridge')], containers, interfaces }
  // Through JSON, as a snapshot arrives over IPC: flat strings, no shared objects.
  return JSON.parse(JSON.stringify(topology)) as Topology
}

/** A deterministic shuffle (mulberry32), so a failing order can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** The same topology with every array in a different order. */
export function shuffledTopology(topology: Topology, seed: number): Topology {
  return {
    ...topology,
    networks: shuffled(topology.networks, seed),
    containers: shuffled(topology.containers, seed + 1).map((c) => ({ ...c, endpoints: shuffled(c.endpoints, seed + 2), ports: shuffled(c.ports, seed + 3) })),
    interfaces: shuffled(topology.interfaces, seed + 4),
  }
}
