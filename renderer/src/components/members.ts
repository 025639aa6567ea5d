/** Who is on a network, and who shares whose network stack: plain functions over the topology. */
import type { Container, Endpoint, Network } from '@shared/types'

export interface NetworkMember {
  container: Container
  endpoint: Endpoint | null
}

export interface Sharer {
  container: Container
  owner: Container
}

/** The containers `docker network inspect` lists for a network, each with its endpoint there. */
export function membersOf(network: Network, containersById: ReadonlyMap<string, Container>): NetworkMember[] {
  const members: NetworkMember[] = []
  for (const id of network.containers) {
    const container = containersById.get(id)
    if (!container) continue
    members.push({ container, endpoint: container.endpoints.find((e) => e.networkId === network.id) ?? null })
  }
  return members.sort((a, b) => a.container.name.localeCompare(b.container.name))
}

/** Containers in `container:<id>` mode whose namespace owner is one of `owners`. */
export function sharersOf(owners: readonly Container[], containers: readonly Container[]): Sharer[] {
  const byId = new Map(owners.map((c) => [c.id, c]))
  const out: Sharer[] = []
  for (const c of containers) {
    const owner = c.sharesNetworkWith ? byId.get(c.sharesNetworkWith) : undefined
    if (owner && owner.id !== c.id) out.push({ container: c, owner })
  }
  return out.sort((a, b) => a.container.name.localeCompare(b.container.name))
}

/** Containers that live in this container's network namespace (`--network container:<it>`). */
export function sharedBy(container: Container, containers: readonly Container[]): Container[] {
  return containers.filter((c) => c.sharesNetworkWith === container.id && c.id !== container.id).sort((a, b) => a.name.localeCompare(b.name))
}
