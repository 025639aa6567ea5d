/**
 * Composes one Topology from what the engine and the host said. Pure: the same inputs give
 * the same snapshot, so mappers and relations are unit-tested on recorded data.
 */
import type { Container, EngineInfo, HostInterface, InterfacesSource, Network, Topology } from '../../shared/types'
import { mapContainer, mapNetwork, resolveSharedNamespaces } from '../engine/mappers'

type Json = Record<string, any>

/** What the veth map proved about one host veth. */
export interface VethOwner {
  containerId: string
  containerIfIndex: number
  containerIfName: string | null
}

export interface RawContainer {
  inspect: Json
  /** "Up 5 minutes" from the list call. */
  listStatus: string | null
}

export interface ComposeInput {
  engine: EngineInfo
  networks: Json[]
  containers: RawContainer[]
  interfaces: HostInterface[]
  interfacesSource: InterfacesSource
  interfacesNote: string | null
  vethOwners: Map<string, VethOwner>
  takenAt?: Date
}

function ipv4ToInt(address: string): number | null {
  const parts = address.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
}

function inSubnet(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/')
  const a = ipv4ToInt(address)
  const b = ipv4ToInt(base)
  const prefix = Number(bits)
  if (a === null || b === null || !(prefix >= 0 && prefix <= 32)) return false
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  return (a & mask) === (b & mask)
}

/**
 * The engine leaves Gateway out of IPAM config when it chose the gateway itself; the bridge
 * interface carries it, so the summary shows what the containers actually route through.
 */
function fillGatewaysFromBridges(networks: Network[], interfaces: HostInterface[]): void {
  const byName = new Map(interfaces.map((i) => [i.name, i]))
  for (const network of networks) {
    const bridge = network.bridge ? byName.get(network.bridge) : undefined
    if (!bridge) continue
    for (const subnet of network.subnets) {
      if (subnet.gateway !== null) continue
      subnet.gateway = bridge.ipv4.find((a) => inSubnet(a.address, subnet.subnet))?.address ?? null
    }
  }
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name) || 0

export function composeTopology(input: ComposeInput): Topology {
  const networks: Network[] = input.networks.map(mapNetwork).sort(byName)
  const networkKinds = new Map(
    networks.map((n) => [n.id, { name: n.name, userDefined: !['bridge', 'host', 'none'].includes(n.name) && n.driver !== 'null' }]),
  )
  const containers: Container[] = input.containers.map((c) => mapContainer(c.inspect, c.listStatus, networkKinds)).sort(byName)
  const networkByBridge = new Map(networks.filter((n) => n.bridge).map((n) => [n.bridge as string, n]))

  // Interfaces are copied so the caller's cache is never mutated by a snapshot.
  const interfaces = input.interfaces.map((i) => ({ ...i, container: null as string | null, network: null as string | null }))
  for (const iface of interfaces) {
    const carried = iface.kind === 'bridge' ? networkByBridge.get(iface.name) : undefined
    if (carried) iface.network = carried.id
    if (iface.kind !== 'veth') continue
    const owner = input.vethOwners.get(iface.name)
    if (owner) iface.container = owner.containerId
    const viaMaster = iface.master ? networkByBridge.get(iface.master) : undefined
    if (viaMaster) iface.network = viaMaster.id
  }

  // Each endpoint of a container gets the veth that is both proven to lead to the container
  // and plugged into that network's bridge.
  const containerById = new Map(containers.map((c) => [c.id, c]))
  for (const iface of interfaces) {
    if (iface.kind !== 'veth' || !iface.container || !iface.network) continue
    const container = containerById.get(iface.container)
    const endpoint = container?.endpoints.find((e) => e.networkId === iface.network)
    const owner = input.vethOwners.get(iface.name)
    if (endpoint && owner) {
      endpoint.hostVeth = iface.name
      endpoint.containerIfIndex = owner.containerIfIndex
      endpoint.containerIfName = owner.containerIfName
    }
  }
  resolveSharedNamespaces(containers)
  fillGatewaysFromBridges(networks, interfaces)

  return {
    engine: input.engine,
    networks,
    containers,
    interfaces,
    interfacesSource: input.interfacesSource,
    interfacesNote: input.interfacesNote,
    takenAt: (input.takenAt ?? new Date()).toISOString(),
  }
}
