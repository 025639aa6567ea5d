/**
 * Data types shared by every layer. Plain data only: everything here must survive
 * structured clone (Electron IPC) and JSON (the harness socket, `bridgeview snapshot`).
 */

export type EngineKind = 'native-linux' | 'docker-desktop' | 'podman' | 'remote' | 'unknown'

export interface EngineInfo {
  /** Server version, e.g. "20.10.24". */
  version: string
  /** API version the server speaks, e.g. "1.41". */
  apiVersion: string
  /** "linux", "windows". */
  os: string
  /** Operating system the engine runs on, e.g. "Debian GNU/Linux 12 (bookworm)". */
  operatingSystem: string
  kernelVersion: string
  arch: string
  hostName: string
  kind: EngineKind
  /** Where Bridgeview reached the engine, e.g. "unix:///var/run/docker.sock". */
  endpoint: string
}

export interface IpamConfig {
  subnet: string | null
  ipRange: string | null
  gateway: string | null
  auxAddresses: Record<string, string>
}

export interface SubnetSummary {
  subnet: string
  gateway: string | null
}

export type NetworkDriver = 'bridge' | 'host' | 'null' | 'overlay' | 'macvlan' | 'ipvlan' | string

export interface Network {
  id: string
  name: string
  driver: NetworkDriver
  scope: string
  internal: boolean
  attachable: boolean
  ingress: boolean
  enableIPv6: boolean
  created: string
  ipamDriver: string
  ipam: IpamConfig[]
  /** The IPAM configs reduced to subnet and gateway, as `docker network ls` users think of them. */
  subnets: SubnetSummary[]
  options: Record<string, string>
  labels: Record<string, string>
  /** The host interface that carries this network: `docker0`, `br-<12 hex>`, or the bridge-name option. Null for non-bridge drivers. */
  bridge: string | null
  /** Ids of the containers attached to this network. */
  containers: string[]
  memberCount: number
}

export type NetworkMode = 'bridge' | 'host' | 'none' | 'container' | 'user'

export interface PortBinding {
  containerPort: number
  protocol: string
  hostIp: string | null
  hostPort: number | null
}

export interface Endpoint {
  networkId: string
  networkName: string
  endpointId: string
  ipv4: string | null
  prefixLen: number | null
  ipv6: string | null
  ipv6PrefixLen: number | null
  mac: string | null
  gateway: string | null
  ipv6Gateway: string | null
  aliases: string[]
  dnsNames: string[]
  /** Host side of the veth pair, when it could be proven; null when unknown or not applicable. */
  hostVeth: string | null
  /** Index of the container-side interface (its eth0, eth1, …) in the container's namespace. */
  containerIfIndex: number | null
  /** Name of the interface inside the container, when known. */
  containerIfName: string | null
}

export interface Container {
  id: string
  name: string
  image: string
  state: string
  status: string
  created: string
  /** The mode as Bridgeview classifies it: default bridge, host, none, another container's namespace, or a user-defined network. */
  networkMode: NetworkMode
  /** HostConfig.NetworkMode as the engine reports it. */
  networkModeRaw: string
  /** For `container:<id>` mode: the id of the container that owns the namespace (followed to the end of the chain). */
  sharesNetworkWith: string | null
  pid: number | null
  ports: PortBinding[]
  labels: Record<string, string>
  /** For containers sharing another's namespace these are the owner's endpoints. */
  endpoints: Endpoint[]
}

export type InterfaceKind = 'loopback' | 'physical' | 'bridge' | 'veth' | 'tun' | 'other'

export interface Ipv4Address {
  address: string
  prefixLen: number
  netmask: string
  broadcast: string | null
}

export interface Ipv6Address {
  address: string
  prefixLen: number
  /** ifconfig's scope words: host, link, global, site. */
  scope: string
}

export interface RxCounters {
  packets: number
  bytes: number
  errors: number
  dropped: number
  overruns: number
  frame: number
}

export interface TxCounters {
  packets: number
  bytes: number
  errors: number
  dropped: number
  overruns: number
  carrier: number
  collisions: number
}

export interface HostInterface {
  name: string
  index: number
  kind: InterfaceKind
  /** Flag names as ifconfig prints them, e.g. ["UP","BROADCAST","RUNNING","MULTICAST"]. */
  flags: string[]
  /** The numeric flags value ifconfig prints before the names (e.g. 4163). */
  flagsValue: number
  mtu: number
  mac: string | null
  txqueuelen: number
  operState: string
  ipv4: Ipv4Address[]
  ipv6: Ipv6Address[]
  /** Name of the bridge this interface is enslaved to. */
  master: string | null
  /** For a veth: the index of its peer (iflink), which lives in another namespace. */
  peerIndex: number | null
  /** For a veth: the netns id of the peer's namespace as seen from the host, when the kernel reports it. */
  linkNetnsId: number | null
  rx: RxCounters
  tx: TxCounters
  /** Container this veth leads to (id), proven by the namespace match; null otherwise. */
  container: string | null
  /** Network this bridge or veth carries (id). */
  network: string | null
}

export type InterfacesSource = 'host' | 'helper-container' | 'unavailable'

export interface Topology {
  engine: EngineInfo
  networks: Network[]
  containers: Container[]
  interfaces: HostInterface[]
  /** How the host interfaces were read; `unavailable` with a reason when they could not be. */
  interfacesSource: InterfacesSource
  interfacesNote: string | null
  /** ISO time of the snapshot. */
  takenAt: string
}

export interface InterfaceRate {
  name: string
  rx: RxCounters
  tx: TxCounters
  rxBytesPerSec: number
  txBytesPerSec: number
  rxPacketsPerSec: number
  txPacketsPerSec: number
}

export interface CountersSample {
  /** Milliseconds since the epoch when the counters were read. */
  takenAt: number
  interfaces: InterfaceRate[]
}

export type TopologyChangeKind = 'containers' | 'networks' | 'interfaces' | 'engine'

export interface TopologyChange {
  kinds: TopologyChangeKind[]
  /** Engine event actions that caused it, e.g. ["network:connect"]. */
  causes: string[]
  /** Incremented with every change, so a renderer can tell it missed one. */
  revision: number
}

export interface EngineConnection {
  connected: boolean
  /** Error code when not connected. */
  code: string | null
  message: string | null
}

export type ExportFormat = 'png' | 'svg'

/**
 * A diagram export. The renderer either sends the self-contained SVG it drew (written as
 * is, or rasterised with resvg by the desktop side for PNG, so size is not limited by a
 * browser canvas), or a PNG it already encoded with Chromium (much faster than resvg on
 * text), which the desktop side checks and writes. Either way main (a save dialog), the
 * harness (a folder) or the CLI writes the file.
 */
export type ExportRequest = SvgExportRequest | PngExportRequest

interface ExportTarget {
  /** PNG scale factor; for an encoded PNG, the scale it was drawn at; ignored for SVG. */
  scale: 1 | 2 | 3
  /** Suggested file name, e.g. "bridgeview-diagram.png". */
  suggestedName: string
}

export interface SvgExportRequest extends ExportTarget {
  format: ExportFormat
  /** Self-contained SVG markup (styles inlined, background included unless transparent). */
  svg: string
  png?: undefined
}

export interface PngExportRequest extends ExportTarget {
  format: 'png'
  /** The encoded PNG file, base64. */
  png: string
  svg?: undefined
}

/**
 * The largest PNG Bridgeview writes, whoever rasterises it: about 1 GB of RGBA were it
 * held at once, and a side image viewers and editors still open.
 */
export const PNG_EXPORT_LIMITS = { maxPixels: 250_000_000, maxSide: 32_767 } as const

export interface SavedFile {
  /** Where the file was written; null when the user cancelled. */
  path: string | null
  bytes: number
  /** Pixel size of a PNG, or the SVG's width and height. */
  width: number
  height: number
}
