/**
 * The concepts Bridgeview explains, keyed so any view (a "?" button, the diagram's
 * selection) can open one by name. Texts live in `text.en.ts` and `text.ko.ts`; what does
 * not depend on the language (commands to try, related concepts) lives here.
 */
import type { Container, HostInterface, Network } from '@shared/types'

export const CONCEPT_KEYS = [
  'loopback',
  'host-nic',
  'docker0',
  'user-bridge-iface',
  'veth',
  'driver-bridge',
  'driver-host',
  'driver-none',
  'user-defined-bridge',
  'container-sharing',
  'connect-refused',
  'port-publishing',
] as const

export type ConceptKey = (typeof CONCEPT_KEYS)[number]

export interface ConceptMeta {
  /** Commands a reader can run to see the concept for themselves. */
  commands: string[]
  related: ConceptKey[]
}

export const CONCEPTS: Record<ConceptKey, ConceptMeta> = {
  loopback: { commands: ['ip addr show lo', 'ifconfig lo'], related: ['host-nic', 'port-publishing', 'driver-none'] },
  'host-nic': { commands: ['ip route', 'sudo iptables -t nat -L POSTROUTING -n'], related: ['docker0', 'driver-host', 'port-publishing'] },
  docker0: { commands: ['ip addr show docker0', 'bridge link', 'docker network inspect bridge'], related: ['veth', 'user-defined-bridge', 'driver-bridge'] },
  'user-bridge-iface': { commands: ['docker network create mynet', 'ip -br link show type bridge'], related: ['docker0', 'user-defined-bridge', 'veth'] },
  veth: {
    commands: ['ip -br link show type veth', 'docker exec <container> cat /sys/class/net/eth0/iflink'],
    related: ['docker0', 'user-bridge-iface', 'container-sharing'],
  },
  'driver-bridge': { commands: ['docker run -d --name web nginx', 'docker network inspect bridge'], related: ['docker0', 'user-defined-bridge', 'port-publishing'] },
  'driver-host': { commands: ['docker run -d --network host nginx'], related: ['connect-refused', 'host-nic', 'driver-none'] },
  'driver-none': { commands: ['docker run --rm --network none busybox ip addr'], related: ['loopback', 'connect-refused', 'driver-host'] },
  'user-defined-bridge': {
    commands: ['docker network create custombridge', 'docker run -d --name db --network custombridge busybox sleep 3600', 'docker run --rm --network custombridge busybox ping -c1 db'],
    related: ['driver-bridge', 'user-bridge-iface', 'docker0'],
  },
  'container-sharing': { commands: ['docker run --rm -it --network container:mysqlDB2 busybox ip addr'], related: ['loopback', 'veth', 'connect-refused'] },
  'connect-refused': {
    commands: ['docker network connect mynet <host-mode-container>', 'docker run -d --name web --network mynet nginx'],
    related: ['driver-host', 'driver-none', 'container-sharing'],
  },
  'port-publishing': { commands: ['docker run -d -p 8080:80 nginx', 'docker port <container>', 'sudo iptables -t nat -L DOCKER -n'], related: ['driver-bridge', 'loopback', 'host-nic'] },
}

export function isConceptKey(value: unknown): value is ConceptKey {
  return typeof value === 'string' && (CONCEPT_KEYS as readonly string[]).includes(value)
}

/** The concept that explains what a host interface is. */
export function conceptForInterface(iface: Pick<HostInterface, 'name' | 'kind'>): ConceptKey | null {
  if (iface.kind === 'loopback') return 'loopback'
  if (iface.kind === 'veth') return 'veth'
  if (iface.kind === 'bridge') return iface.name === 'docker0' ? 'docker0' : 'user-bridge-iface'
  if (iface.kind === 'physical') return 'host-nic'
  return null
}

/** The concept that explains a network's driver, or what makes it special. */
export function conceptForNetwork(network: Pick<Network, 'name' | 'driver'>): ConceptKey | null {
  if (network.driver === 'host') return 'driver-host'
  if (network.driver === 'null') return 'driver-none'
  if (network.driver === 'bridge') return network.name === 'bridge' ? 'driver-bridge' : 'user-defined-bridge'
  return null
}

/** The concept that explains how a container is networked. */
export function conceptForContainer(container: Pick<Container, 'networkMode'>): ConceptKey {
  switch (container.networkMode) {
    case 'host':
      return 'driver-host'
    case 'none':
      return 'driver-none'
    case 'container':
      return 'container-sharing'
    case 'user':
      return 'user-defined-bridge'
    default:
      return 'driver-bridge'
  }
}
