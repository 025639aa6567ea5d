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
