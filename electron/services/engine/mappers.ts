/**
 * Pure mappers from the engine's JSON (as `docker network inspect` and
 * `docker container inspect` print it) to Bridgeview's DTOs. Unit-tested on recorded data.
 */
import type {
  Container,
  Endpoint,
  EngineInfo,
  EngineKind,
  IpamConfig,
  Network,
  NetworkMode,
  PortBinding,
} from '../../shared/types'

type Json = Record<string, any>

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const record = (value: unknown): Record<string, string> =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, String(v)])) : {}

export const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name'

/** The host interface that carries a bridge network: the bridge-name option, `docker0` for `bridge`, else `br-` + 12 hex of the id. */
export function bridgeInterfaceFor(network: { Id: string; Name: string; Driver: string; Options?: Json | null }): string | null {
  if (network.Driver !== 'bridge') return null
  const option = str(network.Options?.[BRIDGE_NAME_OPTION])
  if (option) return option
  return network.Name === 'bridge' ? 'docker0' : `br-${network.Id.slice(0, 12)}`
}

export function mapNetwork(raw: Json): Network {
  const configs: IpamConfig[] = ((raw.IPAM?.Config ?? []) as Json[]).map((c) => ({
    subnet: str(c.Subnet),
    ipRange: str(c.IPRange),
    gateway: str(c.Gateway),
    auxAddresses: record(c.AuxiliaryAddresses ?? c.AuxAddress),
  }))
  const containers = Object.keys(raw.Containers ?? {}).filter((id) => !id.startsWith('ep-')).sort()
  return {
    id: raw.Id,
    name: raw.Name,
    driver: raw.Driver,
    scope: raw.Scope ?? 'local',
    internal: raw.Internal === true,
    attachable: raw.Attachable === true,
    ingress: raw.Ingress === true,
    enableIPv6: raw.EnableIPv6 === true,
    created: raw.Created ?? '',
    ipamDriver: raw.IPAM?.Driver ?? 'default',
    ipam: configs,
    subnets: configs.filter((c) => c.subnet !== null).map((c) => ({ subnet: c.subnet as string, gateway: c.gateway })),
    options: record(raw.Options),
    labels: record(raw.Labels),
    bridge: bridgeInterfaceFor(raw as { Id: string; Name: string; Driver: string; Options?: Json }),
    containers,
    memberCount: containers.length,
  }
}

/** Classifies HostConfig.NetworkMode the way a learner thinks of it. */
export function classifyNetworkMode(mode: string | undefined): NetworkMode {
  if (!mode || mode === 'default' || mode === 'bridge') return 'bridge'
  if (mode === 'host') return 'host'
  if (mode === 'none') return 'none'
  if (mode.startsWith('container:')) return 'container'
  return 'user'
}

export function mapPorts(raw: Json): PortBinding[] {
  const live = raw.NetworkSettings?.Ports as Record<string, Json[] | null> | undefined
  const configured = raw.HostConfig?.PortBindings as Record<string, Json[] | null> | undefined
  const source = live && Object.keys(live).length > 0 ? live : (configured ?? {})
  const ports: PortBinding[] = []
  for (const [key, bindings] of Object.entries(source)) {
    const [port, protocol = 'tcp'] = key.split('/')
    const containerPort = Number(port)
    if (!bindings || bindings.length === 0) {
      ports.push({ containerPort, protocol, hostIp: null, hostPort: null })
      continue
    }
    for (const b of bindings) {
      ports.push({
        containerPort,
        protocol,
        hostIp: str(b.HostIp),
        hostPort: str(b.HostPort) ? Number(b.HostPort) : null,
      })
    }
  }
  return ports.sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol) || (a.hostIp ?? '').localeCompare(b.hostIp ?? ''))
}

export function mapEndpoints(raw: Json, networkKinds: Map<string, { name: string; userDefined: boolean }>): Endpoint[] {
  const networks = (raw.NetworkSettings?.Networks ?? {}) as Record<string, Json>
  const shortId = String(raw.Id ?? '').slice(0, 12)
  const name = String(raw.Name ?? '').replace(/^\//, '')
  return Object.entries(networks)
    .map(([networkName, n]) => {
      const aliases = ((n.Aliases ?? []) as string[]).filter((a) => typeof a === 'string')
      const known = networkKinds.get(n.NetworkID)
      // Engines before API 1.44 do not report DNSNames; derive them as the embedded DNS answers them.
      const dnsNames = Array.isArray(n.DNSNames)
        ? (n.DNSNames as string[])
        : known?.userDefined
          ? [...new Set([name, shortId, ...aliases])]
          : []
      return {
        networkId: n.NetworkID ?? '',
        networkName,
        endpointId: n.EndpointID ?? '',
        ipv4: str(n.IPAddress),
        prefixLen: str(n.IPAddress) ? Number(n.IPPrefixLen) : null,
        ipv6: str(n.GlobalIPv6Address),
        ipv6PrefixLen: str(n.GlobalIPv6Address) ? Number(n.GlobalIPv6PrefixLen) : null,
        mac: str(n.MacAddress),
        gateway: str(n.Gateway),
        ipv6Gateway: str(n.IPv6Gateway),
        aliases,
        dnsNames,
        hostVeth: null,
        containerIfIndex: null,
        containerIfName: null,
      }
    })
    .sort((a, b) => a.networkName.localeCompare(b.networkName))
}

/**
 * Maps one `container inspect` result. `listStatus` is the human status from the list call
 * ("Up 5 minutes"), which inspect does not carry.
 */
export function mapContainer(
  raw: Json,
  listStatus: string | null,
  networkKinds: Map<string, { name: string; userDefined: boolean }>,
): Container {
  const modeRaw: string = raw.HostConfig?.NetworkMode ?? 'default'
  const pid = Number(raw.State?.Pid ?? 0)
  return {
    id: raw.Id,
    name: String(raw.Name ?? '').replace(/^\//, ''),
    image: raw.Config?.Image ?? raw.Image ?? '',
    state: raw.State?.Status ?? 'unknown',
    status: listStatus ?? raw.State?.Status ?? '',
    created: raw.Created ?? '',
    networkMode: classifyNetworkMode(modeRaw),
    networkModeRaw: modeRaw,
    sharesNetworkWith: null,
    pid: pid > 0 ? pid : null,
    ports: mapPorts(raw),
    labels: record(raw.Config?.Labels),
    endpoints: mapEndpoints(raw, networkKinds),
  }
}

/**
 * Follows `container:<ref>` chains to the namespace owner and gives sharing containers the
 * owner's endpoints. A ref may be a name, a full id or an id prefix.
 */
export function resolveSharedNamespaces(containers: Container[]): void {
  const byRef = (ref: string): Container | undefined =>
    containers.find((c) => c.id === ref || c.name === ref) ?? containers.find((c) => ref.length >= 3 && c.id.startsWith(ref))
  for (const container of containers) {
    if (container.networkMode !== 'container') continue
    let current: Container | undefined = container
    const seen = new Set<string>()
    while (current && current.networkMode === 'container' && !seen.has(current.id)) {
      seen.add(current.id)
      current = byRef(current.networkModeRaw.slice('container:'.length))
    }
    if (current && current.networkMode !== 'container') {
      container.sharesNetworkWith = current.id
      container.endpoints = current.endpoints.map((e) => ({ ...e, aliases: [...e.aliases], dnsNames: [...e.dnsNames] }))
    }
  }
}

export function engineKind(info: Json, version: Json, endpoint: string, clientPlatform: string): EngineKind {
  const os = String(info.OperatingSystem ?? '')
  const components = ((version.Components ?? []) as Json[]).map((c) => String(c.Name ?? ''))
  if (components.some((n) => /podman/i.test(n)) || /podman/i.test(String(version.Platform?.Name ?? ''))) return 'podman'
  if (/docker desktop/i.test(os)) return 'docker-desktop'
  if (/^(tcp|https?|ssh):/.test(endpoint)) return 'remote'
  if (clientPlatform === 'linux' && version.Os === 'linux') return 'native-linux'
  return 'unknown'
}

export function mapEngineInfo(info: Json, version: Json, endpoint: string, clientPlatform: string): EngineInfo {
  return {
    version: String(version.Version ?? ''),
    apiVersion: String(version.ApiVersion ?? ''),
    os: String(version.Os ?? info.OSType ?? ''),
    operatingSystem: String(info.OperatingSystem ?? ''),
    kernelVersion: String(version.KernelVersion ?? info.KernelVersion ?? ''),
    arch: String(version.Arch ?? info.Architecture ?? ''),
    hostName: String(info.Name ?? ''),
    kind: engineKind(info, version, endpoint, clientPlatform),
    endpoint,
  }
}
