/**
 * The diagram layout: a pure function from a Topology snapshot to positioned boxes and
 * lines, drawn top to bottom the way a learner sketches Docker networking:
 *
 *   outside world
 *     └ host NICs (eth0 …)            ┐
 *         └ bridges (docker0, br-…)   ┘ host network namespace (+ host-mode containers)
 *             └ veth (host end) ─ eth0 of each container, one column per bridge
 *   isolated (none) and not-running containers stand apart on the right.
 *
 * Stability guarantee (tested in test/unit/diagram/layout.test.ts, "stability"):
 * - Outside, the NICs, the bridges and their columns depend only on the networks and the
 *   host interfaces, never on containers.
 * - A container attached to a bridge sits in the column of its primary network (the one it
 *   was started on), in the slot given by its own IPv4 address: slot = address index in
 *   the subnet (.2 is slot 0), row = slot / slotsPerRow (3 by default), column = slot %
 *   slotsPerRow. A slot belongs to an address, not to a rank, so adding or removing a
 *   container never moves another container: a removed one leaves a hole (its released
 *   address). A shared-namespace owner stays exactly where it would be alone; its sharers
 *   hang below it.
 * - Exceptions, all confined to the later rows of that same column: a row is as tall as
 *   its tallest slot, so a container on several networks or a growing namespace group can
 *   push the rows below it; a run of two or more empty rows is drawn as one, so a removal
 *   that creates such a run (or an addition that splits one) moves the rows below it; and
 *   running containers with no IPv4 on their network follow the addressed rows by name.
 * - Host-mode, isolated (none) and not-running containers are listed by name in areas
 *   whose positions do not depend on containers; adding one moves only its later siblings
 *   in that same area.
 * - Group frames (host, namespaces, areas), the legend and the overall bounds do resize.
 *
 * Nothing here depends on the order of the input arrays: networks, containers and
 * interfaces are sorted by name then id before anything is placed.
 */
import type { Container, Endpoint, HostInterface, Network, PortBinding, Topology } from '@shared/types'
import { addressIndex, parseIpv4, parseIpv4Subnet, type Ipv4Subnet } from './ipv4'
import { boxHeightFor, boxHeightForLines, line, textWidth, type LabelLine, type LineRole } from './metrics'
import { ENGLISH, type DiagramStrings } from './strings'

export type { DiagramStrings } from './strings'

export type NodeKind = 'outside' | 'nic' | 'bridge' | 'veth' | 'container' | 'ports'

/** Where a container is drawn and why. */
export type ContainerPlacement = 'bridge' | 'host' | 'none' | 'stopped' | 'detached'

export interface NodeRef {
  containerId?: string
  networkId?: string
  interfaceName?: string
  placement?: ContainerPlacement
  /** For a container in a shared namespace: the container that owns it. */
  ownerId?: string
  /** For a ports node: the containers whose published ports it lists. */
  containerIds?: string[]
}

export interface DiagramNode {
  /** Stable across snapshots: `container:<id>`, `bridge:<networkId>`, `veth:<name>`, `nic:<name>`, `ports:<nic>`, `outside`. */
  id: string
  kind: NodeKind
  /** Top-left corner and size, in diagram units. */
  x: number
  y: number
  width: number
  height: number
  /** Label lines, already truncated to the box width. */
  lines: LabelLine[]
  /** Innermost group the node is drawn in. */
  group: string | null
  /** Drawn dashed: a veth whose name is unknown, a container that is not running. */
  dashed: boolean
  /** Matches the search text. */
  match: boolean
  /** Container state (`running`, `exited`, …); null for other kinds. */
  state: string | null
  ref: NodeRef
}

/**
 * Links point away from the outside world: `source` is the end nearer to it.
 * uplink outside→nic, nat nic→bridge, bridge-veth bridge→veth, veth-container
 * veth→container (or →namespace group), direct bridge→container (drivers without veths),
 * publish nic→ports.
 */
export type LinkKind = 'uplink' | 'nat' | 'bridge-veth' | 'veth-container' | 'direct' | 'publish'

export interface DiagramLink {
  /** `<kind>:<the end that identifies it>`: `uplink:nic:eth0`, `nat:bridge:<id>`, `bridge-veth:veth:<name>`, `veth-container:veth:<name>`, `publish:ports:eth0`, `direct:bridge:<id>->container:<id>`. */
  id: string
  kind: LinkKind
  source: string
  target: string
  /** Polyline through these points, flat: [x0, y0, x1, y1, …]; `shape` says how to draw it. */
  points: number[]
  shape: 'orthogonal' | 'curve' | 'straight'
  label: string | null
  /** Where to draw the label (its left end, baseline); null to not draw it apart from the nodes. */
  labelAt: [number, number] | null
  dashed: boolean
}

export type GroupKind = 'host' | 'host-netns' | 'host-mode' | 'netns' | 'isolated' | 'stopped'

export interface DiagramGroup {
  /** `group:host`, `group:host-netns`, `group:host-mode`, `group:netns:<ownerId>`, `group:isolated`, `group:stopped`. */
  id: string
  kind: GroupKind
  x: number
  y: number
  width: number
  height: number
  label: string
  /** Node ids drawn directly inside this group. */
  members: string[]
}

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

/** One sample line and its meaning, in the key under the host. */
export interface LegendEntry {
  kind: LinkKind
  dashed: boolean
  label: string
  /** Left end of the sample line; the label follows it. */
  x: number
}

export interface Legend {
  x: number
  y: number
  width: number
  height: number
  entries: LegendEntry[]
}

export interface DiagramLayout {
  nodes: DiagramNode[]
  links: DiagramLink[]
  groups: DiagramGroup[]
  /** What the lines mean, drawn under the host box. */
  legend: Legend
  bounds: Bounds
  /** Ids of the nodes matching `options.search`, in node order. */
  matches: string[]
  /** The network the layout was filtered to (its id), or null. */
  filterNetwork: string | null
}

export interface LayoutOptions {
  /** Network id or name: only its bridge and its containers (plus the way out) are laid out. */
  filterNetwork?: string | null
  /** Case-insensitive text; nodes whose name, image, address, MAC or interface contain it get `match`. */
  search?: string | null
  /** Container slots per row in a bridge column. Part of the stability contract: keep it fixed. */
  slotsPerRow?: number
  /** Wording drawn in the diagram (translations); English for anything left out. */
  strings?: Partial<DiagramStrings>
}

/** Every measure of the layout, in diagram units (1 unit = 1 CSS pixel at zoom 1). */
export const GEOMETRY = {
  margin: 24,
  outsideW: 240,
  outsideH: 52,
  outsideGap: 60,
  hostPad: 24,
  hostTitleH: 30,
  bandLabelH: 26,
  nicW: 210,
  portsGap: 28,
  portsW: 262,
  nicSlotGap: 44,
  /** Fixed height of the NIC row, so nothing in it can push the bridges down. */
  bandH: 112,
  natGap: 68,
  barExt: 28,
  trunkInset: 14,
  slotW: 244,
  boxInset: 12,
  boxW: 220,
  colGap: 64,
  gutterY: 8,
  pillTop: 18,
  pillH: 20,
  boxTop: 50,
  rowGap: 18,
  groupPad: 6,
  groupCaptionH: 20,
  memberGap: 8,
  apartGap: 44,
  areaLabelH: 28,
  itemGap: 14,
  hostModeBoxW: 200,
  hostModeGap: 12,
  maxPortLines: 4,
} as const

const DEFAULT_SLOTS_PER_ROW = 3

const CONTAINER_BASE_ROLES: LineRole[] = ['title', 'muted', 'mono', 'mono', 'port', 'port']
const MEMBER_ROLES: LineRole[] = ['title', 'muted', 'muted']
const HOST_MODE_ROLES: LineRole[] = ['title', 'muted', 'muted']
const NONE_ROLES: LineRole[] = ['title', 'muted', 'mono', 'muted']
const APART_ROLES: LineRole[] = ['title', 'muted', 'muted', 'muted']
const NIC_ROLES: LineRole[] = ['title', 'mono', 'mono']
const BAR_ROLES: LineRole[] = ['title', 'muted', 'mono']

/** Shared by every container without a second published port: layouts of thousands allocate less. */
const EMPTY_PORT_LINE: LabelLine = Object.freeze({ text: '', role: 'port' })
const NO_PORTS_LINE: LabelLine = Object.freeze({ text: ENGLISH.noPorts, role: 'muted' })

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const byNameThenId = <T extends { name: string; id: string }>(a: T, b: T): number => cmp(a.name, b.name) || cmp(a.id, b.id)

const RUNNING_STATES = new Set(['running', 'paused', 'restarting'])

/** The interface name Docker gives a network's bridge when the snapshot does not say. */
export function bridgeNameFor(network: Network): string {
  if (network.bridge) return network.bridge
  const option = network.options['com.docker.network.bridge.name']
  if (option) return option
  if (network.driver === 'bridge') return network.name === 'bridge' ? 'docker0' : `br-${network.id.slice(0, 12)}`
  return network.driver
}

const displayName = (c: Container): string => (c.name.charCodeAt(0) === 47 ? c.name.slice(1) : c.name)

function formatHostIp(ip: string | null): string {
  if (!ip || ip === '0.0.0.0') return '0.0.0.0'
  if (ip.includes(':')) return `[${ip}]`
  return ip
}

/** Published bindings, without the IPv6 twin Docker reports for each IPv4 one. */
export function publishedBindings(container: Container): PortBinding[] {
  const seen = new Map<string, PortBinding>()
  for (const port of container.ports) {
    if (port.hostPort === null) continue
    const key = `${port.hostPort}/${port.containerPort}/${port.protocol}`
    const previous = seen.get(key)
    if (!previous || (previous.hostIp ?? '').includes(':')) seen.set(key, port)
  }
  return [...seen.values()].sort(
    (a, b) => (a.hostPort ?? 0) - (b.hostPort ?? 0) || a.containerPort - b.containerPort || cmp(a.protocol, b.protocol),
  )
}

/** "0.0.0.0:3306 → 3306/tcp", as `docker ps` shows a published port. */
export function formatBinding(port: PortBinding): string {
  return `${formatHostIp(port.hostIp)}:${port.hostPort} → ${port.containerPort}/${port.protocol}`
}

interface ColumnInfo {
  network: Network
  index: number
  x: number
  bar: DiagramNode
  subnets: Ipv4Subnet[]
}

interface SlotItem {
  owner: Container
  members: Container[]
  /** The owner's endpoints on shown column networks, primary first. */
  endpoints: Endpoint[]
  address: number | null
  height: number
  row: number
  col: number
  /** The box its veths attach to, once placed. */
  placed: PlacedBox | null
}

interface PlacedBox {
  x: number
  y: number
  width: number
  height: number
  /** Node or group id the veth links end at. */
  target: string
  /** Top of the slot's row: the veths hang from here, whatever the box below. */
  rowTop: number
}

interface Classified {
  bridgeOwners: Map<string, { owner: Container; endpoints: Endpoint[] }>
  members: Map<string, Container[]>
  hostMode: Container[]
  isolated: Array<{ owner: Container; members: Container[] }>
  apart: Array<{ container: Container; reason: string }>
}

/**
 * Lays out a topology. Pure and deterministic: same snapshot and options, same result,
 * whatever the order of the input arrays. See the module comment for what stays put
 * when containers come and go.
 */
export function layoutTopology(topology: Topology, options: LayoutOptions = {}): DiagramLayout {
  const G = GEOMETRY
  const perRow = Math.max(1, Math.floor(options.slotsPerRow ?? DEFAULT_SLOTS_PER_ROW))
  const t: DiagramStrings = options.strings ? { ...ENGLISH, ...options.strings } : ENGLISH
  const colW = perRow * G.slotW

  const allNetworks = [...topology.networks].sort(byNameThenId)
  const filter = resolveFilter(allNetworks, options.filterNetwork ?? null)
  const shownNetworks = filter ? [filter] : allNetworks
  const columnNetworks = shownNetworks.filter((n) => n.driver !== 'host' && n.driver !== 'null')
  const columnIds = new Set(columnNetworks.map((n) => n.id))
  const networkById = new Map(allNetworks.map((n) => [n.id, n]))

  const containers = [...topology.containers].sort(byNameThenId)
  const interfaces = [...topology.interfaces].sort((a, b) => cmp(a.name, b.name) || a.index - b.index)

  const nodes: DiagramNode[] = []
  const links: DiagramLink[] = []
  const groups: DiagramGroup[] = []

  const classified = classify(containers, networkById, columnIds, filter, t)

  // Outside world and the host frame's top rows.
  const hostY = G.outsideH + G.outsideGap
  const bandTop = hostY + G.hostTitleH
  const nicY = bandTop + G.bandLabelH
  const barY = nicY + G.bandH + G.natGap
  const barH = boxHeightFor(BAR_ROLES)
  const bandBottom = barY + barH + 14
  const gridTop = bandBottom + 18

  // Columns, one per shown non-host network; their x depends on networks only.
  const firstColX = G.hostPad + G.barExt
  const columns: ColumnInfo[] = columnNetworks.map((network, index) => {
    const x = firstColX + index * (colW + G.colGap)
    const bar = bridgeNode(network, x - G.barExt, barY, colW + G.barExt, barH, t)
    nodes.push(bar)
    const subnets = network.subnets
      .map((s) => parseIpv4Subnet(s.subnet))
      .filter((s): s is Ipv4Subnet => s !== null)
      .sort((a, b) => a.base - b.base || a.prefixLen - b.prefixLen)
    return { network, index, x, bar, subnets }
  })
  const columnsRight = columns.length ? firstColX + columns.length * (colW + G.colGap) - G.colGap : firstColX
  const columnsLeft = columns.length ? firstColX - G.barExt : firstColX

  // NICs, centred over the columns; each slot has room for its ports note whether or not it has one.
  const physical = interfaces.filter((i) => i.kind === 'physical')
  const nicSlotW = G.nicW + G.portsGap + G.portsW
  const nicCount = Math.max(1, physical.length)
  const nicRowW = nicCount * nicSlotW + (nicCount - 1) * G.nicSlotGap
  const nicRowX = Math.max(firstColX, Math.round((columnsLeft + columnsRight) / 2 - nicRowW / 2))
  const nicH = boxHeightFor(NIC_ROLES)
  const nicNodes: DiagramNode[] = []
  if (physical.length === 0) {
    nicNodes.push(placeholderNic(topology, nicRowX, nicY, nicH, t))
  } else {
    physical.forEach((iface, i) => nicNodes.push(nicNode(iface, nicRowX + i * (nicSlotW + G.nicSlotGap), nicY, nicH, t)))
  }
  nodes.push(...nicNodes)
  const primaryNic =
    nicNodes.find((n) => (physical.find((p) => `nic:${p.name}` === n.id)?.ipv4.length ?? 0) > 0) ?? nicNodes[0]

  const nicLeft = nicNodes[0].x
  const nicRight = nicNodes[nicNodes.length - 1].x + G.nicW
  const outside: DiagramNode = {
    id: 'outside',
    kind: 'outside',
    x: Math.round((nicLeft + nicRight) / 2 - G.outsideW / 2),
    y: 0,
    width: G.outsideW,
    height: G.outsideH,
    lines: [line(t.outside, 'title', G.outsideW), line(t.outsideDetail, 'muted', G.outsideW)],
    group: null,
    dashed: false,
    match: false,
    state: null,
    ref: {},
  }
  nodes.push(outside)
  for (const nic of nicNodes) {
    links.push({
      id: `uplink:${nic.id}`,
      kind: 'uplink',
      source: 'outside',
      target: nic.id,
      points: [outside.x + outside.width / 2, outside.y + outside.height, nic.x + nic.width / 2, nic.y],
      shape: 'curve',
      label: null,
      labelAt: null,
      dashed: false,
    })
  }

  // NAT: every bridge that is not internal reaches outside through the host.
  for (const column of columns) {
    const bar = column.bar
    if (column.network.internal) continue
    const from: [number, number] = [primaryNic.x + primaryNic.width / 2, primaryNic.y + primaryNic.height]
    const toX = clamp(from[0], bar.x + 70, bar.x + bar.width - 70)
    links.push({
      id: `nat:${bar.id}`,
      kind: 'nat',
      source: primaryNic.id,
      target: bar.id,
      points: [from[0], from[1], toX, bar.y],
      shape: 'curve',
      label: column.network.driver === 'bridge' ? t.nat : column.network.driver,
      labelAt: [toX + 8, bar.y - 8],
      dashed: false,
    })
  }

  // Bridge columns.
  // Host veths the interface reader tied to a container, for endpoints that do not name theirs.
  const vethNames = new Map<string, Map<string, string>>()
  for (const iface of interfaces) {
    if (iface.kind !== 'veth' || !iface.container || !iface.network) continue
    let byNetwork = vethNames.get(iface.container)
    if (!byNetwork) vethNames.set(iface.container, (byNetwork = new Map()))
    byNetwork.set(iface.network, iface.name)
  }
  const usedVeths = new Set<string>()
  const search = normaliseSearch(options.search)
  let gridBottom = gridTop

  const columnById = new Map(columns.map((c) => [c.network.id, c]))
  const slotItemsByColumn = new Map<string, SlotItem[]>()
  for (const column of columns) slotItemsByColumn.set(column.network.id, [])
  const slotItems: SlotItem[] = []
  for (const { owner, endpoints } of classified.bridgeOwners.values()) {
    const members = classified.members.get(owner.id) ?? []
    const primary = endpoints[0]
    const column = columnById.get(primary.networkId)
    if (!column) continue
    const ip = parseIpv4(primary.ipv4)
    const address = ip === null ? null : addressIndex(ip, column.subnets)
    const height = slotContentHeight(endpoints.length, members.length)
    const item: SlotItem = { owner, members, endpoints, address, height, row: 0, col: 0, placed: null }
    slotItemsByColumn.get(column.network.id)!.push(item)
    slotItems.push(item)
  }

  for (const column of columns) {
    const items = slotItemsByColumn.get(column.network.id)!
    const rows = assignRows(items, perRow)
    const rowTops: number[] = []
    let y = gridTop
    for (let r = 0; r < rows.length; r++) {
      rowTops.push(y)
      y += G.boxTop + rows[r] + G.rowGap
    }
    if (rows.length) gridBottom = Math.max(gridBottom, y - G.rowGap)
    for (const item of items) {
      item.placed = placeSlot(item, column.x + item.col * G.slotW, rowTops[item.row], nodes, groups, search, t)
    }
  }

  // Veths: one per (owner, network) endpoint, on top of the owner's box or namespace group.
  for (const { owner, endpoints, placed } of slotItems) {
    if (!placed) continue
    const allVeth = endpoints.every((ep) => networkById.get(ep.networkId)?.driver === 'bridge')
    const vethEndpoints = allVeth ? endpoints : endpoints.filter((ep) => networkById.get(ep.networkId)?.driver === 'bridge')
    const directEndpoints = allVeth ? [] : endpoints.filter((ep) => networkById.get(ep.networkId)?.driver !== 'bridge')
    const count = vethEndpoints.length
    const pillGap = 6
    const pillW = count ? Math.min(112, Math.floor((placed.width - (count - 1) * pillGap) / count)) : 0
    const pillsW = count * pillW + (count - 1) * pillGap
    const pillY = placed.rowTop + G.pillTop
    vethEndpoints.forEach((ep, i) => {
      const column = columnById.get(ep.networkId)!
      let name = ep.hostVeth ?? vethNames.get(owner.id)?.get(ep.networkId) ?? null
      if (name !== null && usedVeths.has(name)) name = null
      if (name !== null) usedVeths.add(name)
      const known = name !== null
      const id = known ? `veth:${name}` : `veth:unknown:${owner.id}:${ep.networkId}`
      const x = Math.round(placed.x + placed.width / 2 - pillsW / 2 + i * (pillW + pillGap))
      const veth: DiagramNode = {
        id,
        kind: 'veth',
        x,
        y: pillY,
        width: pillW,
        height: G.pillH,
        lines: [line(known ? name! : t.unknownVeth, known ? 'mono' : 'warn', pillW)],
        group: null,
        dashed: !known,
        match: known && search !== null && name!.toLowerCase().includes(search),
        state: null,
        ref: { containerId: owner.id, networkId: ep.networkId, interfaceName: name ?? undefined },
      }
      nodes.push(veth)
      const cx = x + pillW / 2
      const bar = column.bar
      const sameColumn = ep === endpoints[0]
      let points: number[]
      let shape: DiagramLink['shape']
      if (sameColumn) {
        const rowTop = placed.rowTop
        if (rowTop <= gridTop) {
          points = [cx, bar.y + bar.height, cx, pillY]
          shape = 'straight'
        } else {
          const trunkX = column.x - G.trunkInset
          const gutter = rowTop + G.gutterY
          points = [trunkX, bar.y + bar.height, trunkX, gutter, cx, gutter, cx, pillY]
          shape = 'orthogonal'
        }
      } else {
        points = [clamp(cx, bar.x + 20, bar.x + bar.width - 20), bar.y + bar.height, cx, pillY]
        shape = 'curve'
      }
      links.push({
        id: `bridge-veth:${id}`,
        kind: 'bridge-veth',
        source: bar.id,
        target: id,
        points,
        shape,
        label: known ? null : t.unknownVeth,
        labelAt: null,
        dashed: !known,
      })
      links.push({
        id: `veth-container:${id}`,
        kind: 'veth-container',
        source: id,
        target: placed.target,
        points: [cx, pillY + G.pillH, cx, placed.y],
        shape: 'straight',
        label: known ? null : t.unknownVeth,
        labelAt: null,
        dashed: !known,
      })
    })
    for (const ep of directEndpoints) {
      const bar = columnById.get(ep.networkId)!.bar
      const cx = placed.x + placed.width / 2
      links.push({
        id: `direct:${bar.id}->${placed.target}`,
        kind: 'direct',
        source: bar.id,
        target: placed.target,
        points: [clamp(cx, bar.x + 20, bar.x + bar.width - 20), bar.y + bar.height, cx, placed.y],
        shape: 'curve',
        label: networkById.get(ep.networkId)?.driver ?? null,
        labelAt: null,
        dashed: false,
      })
    }
  }

  // Veths on a bridge that no drawn container claims: counted on the bar rather than drawn.
  const orphansByBridge = new Map<string, number>()
  for (const i of interfaces) {
    if (i.kind === 'veth' && i.master && !usedVeths.has(i.name)) orphansByBridge.set(i.master, (orphansByBridge.get(i.master) ?? 0) + 1)
  }
  for (const column of columns) {
    const orphans = orphansByBridge.get(bridgeNameFor(column.network)) ?? 0
    if (orphans > 0 && !filterHidesContainers(filter)) {
      const muted = column.bar.lines[1]
      column.bar.lines[1] = line(
        `${muted.text} · ${t.orphanVeths(orphans)}`,
        'muted',
        column.bar.width,
      )
    }
  }

  // Published ports, noted beside the NIC they arrive on.
  addPortsNotes(classified, nicNodes, primaryNic, physical, nodes, links, t)

  // Host-mode containers sit in the host namespace, right of the NICs, in one row.
  let bandRight = nicRight + G.portsGap + G.portsW
  if (classified.hostMode.length) {
    const gx = bandRight + G.nicSlotGap
    const boxH = boxHeightFor(HOST_MODE_ROLES)
    const members: string[] = []
    classified.hostMode.forEach((c, i) => {
      const node = containerNode(c, 'host', gx + G.groupPad + 4 + i * (G.hostModeBoxW + G.hostModeGap), nicY + 22, G.hostModeBoxW, boxH, [
        line(displayName(c), 'title', G.hostModeBoxW),
        line(c.image, 'muted', G.hostModeBoxW),
        line(
          c.networkMode === 'container' ? t.sharesHostNetwork(ownerName(c, containers)) : t.hostModeDetail,
          'muted',
          G.hostModeBoxW,
        ),
      ], search)
      node.group = 'group:host-mode'
      nodes.push(node)
      members.push(node.id)
    })
    const label = t.hostModeGroup
    const width = Math.max(
      G.groupPad * 2 + 8 + classified.hostMode.length * (G.hostModeBoxW + G.hostModeGap) - G.hostModeGap,
      Math.ceil(textWidth(label, 'muted')) + 24,
    )
    groups.push({
      id: 'group:host-mode',
      kind: 'host-mode',
      x: gx,
      y: nicY - 6,
      width,
      height: 22 + boxH + 6 + 10,
      label,
      members,
    })
    bandRight = gx + width
  }

  // Apart: isolated (none) and not-running containers, in two columns right of the bridges.
  const apartX = columns.length ? columnsRight + G.colGap : Math.max(firstColX, bandRight + G.colGap)
  let apartBottom = gridTop
  let apartRight = apartX
  if (classified.isolated.length || classified.apart.length) {
    const isolatedX = apartX
    const stoppedX = apartX + G.slotW + G.apartGap
    if (classified.isolated.length) {
      const bottom = placeIsolated(classified.isolated, isolatedX, gridTop, nodes, groups, search, t)
      apartBottom = Math.max(apartBottom, bottom)
      apartRight = Math.max(apartRight, isolatedX + G.slotW)
    }
    if (classified.apart.length) {
      const bottom = placeApart(classified.apart, networkById, stoppedX, gridTop, nodes, groups, search, t)
      apartBottom = Math.max(apartBottom, bottom)
      apartRight = Math.max(apartRight, stoppedX + G.slotW)
    }
  }

  // Frames: the host namespace band and the host itself.
  const contentRight = Math.max(columnsRight, bandRight, apartRight, nicRight + G.portsGap + G.portsW)
  const hostW = contentRight + G.hostPad
  const hostBottom = Math.max(gridBottom, apartBottom, gridTop + 40) + G.hostPad
  groups.unshift(
    {
      id: 'group:host',
      kind: 'host',
      x: 0,
      y: hostY,
      width: hostW,
      height: hostBottom - hostY,
      label: hostLabel(topology, t),
      members: [],
    },
    {
      id: 'group:host-netns',
      kind: 'host-netns',
      x: 12,
      y: bandTop,
      width: hostW - 24,
      height: bandBottom - bandTop,
      label: t.hostNamespace,
      members: [...nicNodes.map((n) => n.id), ...columns.map((c) => c.bar.id)],
    },
  )
  for (const n of nicNodes) n.group = 'group:host-netns'
  for (const c of columns) c.bar.group = 'group:host-netns'

  const legend = legendBelow(hostBottom + 16, links, t)

  // Search over the non-container nodes (containers were matched when placed).
  if (search !== null) {
    for (const node of nodes) {
      if (node.kind === 'nic' || node.kind === 'bridge') node.match = node.lines.some((l) => l.text.toLowerCase().includes(search))
    }
  }
  const matches = search === null ? [] : nodes.filter((n) => n.match).map((n) => n.id)

  return {
    nodes,
    links,
    groups,
    legend,
    bounds: boundsOf(nodes, groups, legend),
    matches,
    filterNetwork: filter ? filter.id : null,
  }
}

function resolveFilter(networks: Network[], filter: string | null): Network | null {
  if (!filter) return null
  return networks.find((n) => n.id === filter) ?? networks.find((n) => n.name === filter) ?? networks.find((n) => n.id.startsWith(filter)) ?? null
}

function filterHidesContainers(filter: Network | null): boolean {
  return filter !== null && (filter.driver === 'host' || filter.driver === 'null')
}

/** Sorts every container into the area it is drawn in, following shared namespaces to their owner. */
function classify(
  containers: Container[],
  networkById: Map<string, Network>,
  columnIds: Set<string>,
  filter: Network | null,
  t: DiagramStrings,
): Classified {
  const byId = new Map(containers.map((c) => [c.id, c]))
  const result: Classified = { bridgeOwners: new Map(), members: new Map(), hostMode: [], isolated: [], apart: [] }
  const isolatedOwners = new Map<string, { owner: Container; members: Container[] }>()
  const showHost = filter === null || filter.driver === 'host'
  const showNone = filter === null || filter.driver === 'null'

  const ownerPlacement = new Map<string, ContainerPlacement | 'hidden'>()
  const placeOwner = (c: Container): ContainerPlacement | 'hidden' => {
    const cached = ownerPlacement.get(c.id)
    if (cached) return cached
    let placement: ContainerPlacement | 'hidden'
    if (!RUNNING_STATES.has(c.state)) {
      const onFilter = filter === null || c.endpoints.some((e) => e.networkId === filter.id) || modeNetwork(c) === filter.driver
      placement = onFilter ? 'stopped' : 'hidden'
    } else if (c.networkMode === 'host') {
      placement = showHost ? 'host' : 'hidden'
    } else if (c.networkMode === 'none') {
      placement = showNone ? 'none' : 'hidden'
    } else {
      const endpoints = c.endpoints.filter((e) => columnIds.has(e.networkId))
      if (endpoints.length) {
        result.bridgeOwners.set(c.id, { owner: c, endpoints: orderEndpoints(c, endpoints, networkById) })
        placement = 'bridge'
      } else {
        placement = filter === null ? 'detached' : 'hidden'
      }
    }
    ownerPlacement.set(c.id, placement)
    return placement
  }

  for (const c of containers) {
    if (c.networkMode === 'container') continue
    const placement = placeOwner(c)
    if (placement === 'host') result.hostMode.push(c)
    else if (placement === 'none') {
      const entry = { owner: c, members: [] as Container[] }
      isolatedOwners.set(c.id, entry)
      result.isolated.push(entry)
    } else if (placement === 'stopped') result.apart.push({ container: c, reason: 'stopped' })
    else if (placement === 'detached') result.apart.push({ container: c, reason: t.notAttached })
  }

  for (const c of containers) {
    if (c.networkMode !== 'container') continue
    const owner = c.sharesNetworkWith ? byId.get(c.sharesNetworkWith) : undefined
    if (!RUNNING_STATES.has(c.state)) {
      if (filter === null || (owner && placeOwner(owner) !== 'hidden')) result.apart.push({ container: c, reason: 'stopped' })
      continue
    }
    if (!owner) {
      if (filter === null) result.apart.push({ container: c, reason: t.ownerMissing })
      continue
    }
    const placement = placeOwner(owner)
    if (placement === 'bridge') {
      const list = result.members.get(owner.id) ?? []
      list.push(c)
      result.members.set(owner.id, list)
    } else if (placement === 'host') result.hostMode.push(c)
    else if (placement === 'none') isolatedOwners.get(owner.id)?.members.push(c)
    else if (placement === 'stopped' || placement === 'detached') {
      result.apart.push({ container: c, reason: placement === 'stopped' ? t.ownerNotRunning(displayName(owner)) : t.ownerNotAttached(displayName(owner)) })
    }
  }

  result.hostMode.sort(byNameThenId)
  result.apart.sort((a, b) => byNameThenId(a.container, b.container))
  return result
}

function modeNetwork(c: Container): string | null {
  if (c.networkMode === 'host') return 'host'
  if (c.networkMode === 'none') return 'null'
  return null
}

/** Primary network first (the one named at `docker run --network`), then the others by name. */
function orderEndpoints(c: Container, endpoints: Endpoint[], networkById: Map<string, Network>): Endpoint[] {
  if (endpoints.length === 1) return endpoints
  const raw = c.networkModeRaw === 'default' ? 'bridge' : c.networkModeRaw
  const nameOf = (e: Endpoint): string => networkById.get(e.networkId)?.name ?? e.networkName
  const sorted = [...endpoints].sort((a, b) => cmp(nameOf(a), nameOf(b)) || cmp(a.networkId, b.networkId))
  const primaryIndex = sorted.findIndex((e) => nameOf(e) === raw || e.networkId === raw)
  if (primaryIndex > 0) sorted.unshift(...sorted.splice(primaryIndex, 1))
  return sorted
}

function slotContentHeight(endpointCount: number, memberCount: number): number {
  const G = GEOMETRY
  const box = boxHeightFor(CONTAINER_BASE_ROLES) + (endpointCount - 1) * 2 * 14
  if (memberCount === 0) return box
  return box + memberCount * (G.memberGap + boxHeightFor(MEMBER_ROLES)) + G.groupCaptionH + G.groupPad
}

/**
 * Gives each slot its row and column from its address, and returns the row heights.
 * Runs of two or more empty rows are shown as one; unaddressed items follow by name.
 */
function assignRows(items: SlotItem[], perRow: number): number[] {
  const addressed = items.filter((i) => i.address !== null).sort((a, b) => a.address! - b.address! || byNameThenId(a.owner, b.owner))
  const tail: SlotItem[] = items.filter((i) => i.address === null)
  const taken = new Set<number>()
  const placed: SlotItem[] = []
  for (const item of addressed) {
    if (taken.has(item.address!)) tail.push(item)
    else {
      taken.add(item.address!)
      placed.push(item)
    }
  }
  tail.sort((a, b) => byNameThenId(a.owner, b.owner))

  const baseHeight = slotContentHeight(1, 0)
  const heights: number[] = []
  let previousKey = -1
  let display = -1
  for (const item of placed) {
    const key = Math.floor(item.address! / perRow)
    if (key !== previousKey) {
      const gap = key - previousKey - 1
      const keptEmpty = Math.min(gap, 1)
      for (let e = 0; e < keptEmpty; e++) heights.push(baseHeight)
      display += keptEmpty + 1
      heights.push(baseHeight)
      previousKey = key
    }
    item.row = display
    item.col = item.address! % perRow
    heights[display] = Math.max(heights[display], item.height)
  }
  tail.forEach((item, i) => {
    const row = display + 1 + Math.floor(i / perRow)
    if (heights.length <= row) heights.push(baseHeight)
    item.row = row
    item.col = i % perRow
    heights[row] = Math.max(heights[row], item.height)
  })
  return heights
}

/** Places a container (or a shared-namespace group) in its slot; returns the box the veths attach to. */
function placeSlot(
  item: SlotItem,
  slotX: number,
  rowTop: number,
  nodes: DiagramNode[],
  groups: DiagramGroup[],
  search: string | null,
  t: DiagramStrings,
): PlacedBox {
  const G = GEOMETRY
  const top = rowTop + G.boxTop
  const boxX = slotX + G.boxInset
  const owner = item.owner
  const lines = containerLines(owner, item.endpoints, t)
  const ownerH = boxHeightForLines(lines)
  if (item.members.length === 0) {
    nodes.push(containerNode(owner, 'bridge', boxX, top, G.boxW, ownerH, lines, search))
    return { x: boxX, y: top, width: G.boxW, height: ownerH, target: `container:${owner.id}`, rowTop }
  }
  // The owner stays exactly where it would be alone; the frame and its caption wrap around it and its sharers.
  const groupId = `group:netns:${owner.id}`
  const frameX = boxX - G.groupPad
  const frameY = top - G.groupPad
  const frameW = G.boxW + G.groupPad * 2
  const ownerNode = containerNode(owner, 'bridge', boxX, top, G.boxW, ownerH, lines, search)
  ownerNode.group = groupId
  nodes.push(ownerNode)
  const memberIds = [ownerNode.id]
  let y = top + ownerH
  const memberH = boxHeightFor(MEMBER_ROLES)
  for (const member of [...item.members].sort(byNameThenId)) {
    y += G.memberGap
    const node = containerNode(member, 'bridge', boxX, y, G.boxW, memberH, [
      line(displayName(member), 'title', G.boxW),
      line(member.image, 'muted', G.boxW),
      line(`--network container:${displayName(owner)}`, 'muted', G.boxW),
    ], search)
    node.group = groupId
    node.ref.ownerId = owner.id
    nodes.push(node)
    memberIds.push(node.id)
    y += memberH
  }
  const height = y + G.groupCaptionH + G.groupPad - frameY
  groups.push({
    id: groupId,
    kind: 'netns',
    x: frameX,
    y: frameY,
    width: frameW,
    height,
    label: t.sharedNamespace,
    members: memberIds,
  })
  return { x: frameX, y: frameY, width: frameW, height, target: groupId, rowTop }
}

function containerLines(c: Container, endpoints: Endpoint[], t: DiagramStrings): LabelLine[] {
  const W = GEOMETRY.boxW
  const lines: LabelLine[] = [line(displayName(c), 'title', W), line(c.image, 'muted', W)]
  endpoints.forEach((ep, i) => {
    const ifName = ep.containerIfName ?? `eth${i}`
    const address = ep.ipv4 ? `${ep.ipv4}${ep.prefixLen !== null ? `/${ep.prefixLen}` : ''}` : t.noIpv4
    lines.push(line(`${ifName} ${address}`, 'mono', W))
    lines.push(line(`MAC ${ep.mac ?? '—'}`, 'mono', W))
  })
  const ports = publishedBindings(c).map(formatBinding)
  if (ports.length > 2) {
    lines.push(line(ports[0], 'port', W), line(t.morePublishedPorts(ports.length - 1), 'port', W))
  } else {
    lines.push(ports.length ? line(ports[0], 'port', W) : t === ENGLISH ? NO_PORTS_LINE : line(t.noPorts, 'muted', W))
    lines.push(ports.length > 1 ? line(ports[1], 'port', W) : EMPTY_PORT_LINE)
  }
  return lines
}

function containerNode(
  c: Container,
  placement: ContainerPlacement,
  x: number,
  y: number,
  width: number,
  height: number,
  lines: LabelLine[],
  search: string | null,
): DiagramNode {
  return {
    id: `container:${c.id}`,
    kind: 'container',
    x,
    y,
    width,
    height,
    lines,
    group: null,
    dashed: !RUNNING_STATES.has(c.state),
    match: search !== null && containerMatches(c, search),
    state: c.state,
    ref: { containerId: c.id, placement, ownerId: c.networkMode === 'container' ? (c.sharesNetworkWith ?? undefined) : undefined },
  }
}

function containerMatches(c: Container, search: string): boolean {
  if (displayName(c).toLowerCase().includes(search) || c.image.toLowerCase().includes(search) || c.id.startsWith(search)) return true
  for (const ep of c.endpoints) {
    if (
      ep.ipv4?.includes(search) ||
      ep.mac?.toLowerCase().includes(search) ||
      ep.networkName.toLowerCase().includes(search) ||
      ep.hostVeth?.toLowerCase().includes(search)
    )
      return true
  }
  return false
}

function normaliseSearch(search: string | null | undefined): string | null {
  const s = (search ?? '').trim().toLowerCase()
  return s === '' ? null : s
}

function bridgeNode(network: Network, x: number, y: number, width: number, height: number, t: DiagramStrings): DiagramNode {
  const kind =
    network.driver === 'bridge'
      ? network.name === 'bridge'
        ? t.defaultBridge
        : t.userBridge
      : t.driverNetwork(network.driver)
  const flags = network.internal ? ` · ${t.internal}` : ''
  const subnets = network.subnets.length
    ? network.subnets.map((s) => (s.gateway ? `${s.subnet} · ${t.gateway} ${s.gateway}` : s.subnet)).join('   |   ')
    : t.noSubnet
  return {
    id: `bridge:${network.id}`,
    kind: 'bridge',
    x,
    y,
    width,
    height,
    lines: [
      line(bridgeNameFor(network), 'title', width),
      line(`${t.networkName(network.name)} · ${kind}${flags}`, 'muted', width),
      line(subnets, 'mono', width),
    ],
    group: null,
    dashed: false,
    match: false,
    state: null,
    ref: { networkId: network.id, interfaceName: network.bridge ?? undefined },
  }
}

function nicNode(iface: HostInterface, x: number, y: number, height: number, t: DiagramStrings): DiagramNode {
  const W = GEOMETRY.nicW
  const v4 = iface.ipv4.map((a) => `${a.address}/${a.prefixLen}`)
  return {
    id: `nic:${iface.name}`,
    kind: 'nic',
    x,
    y,
    width: W,
    height,
    lines: [
      line(`${iface.name} · ${t.physicalNic}`, 'title', W),
      line(v4.length ? v4[0] + (v4.length > 1 ? ` +${v4.length - 1}` : '') : t.noIpv4, 'mono', W),
      line(`MAC ${iface.mac ?? '—'}`, 'mono', W),
    ],
    group: null,
    dashed: false,
    match: false,
    state: null,
    ref: { interfaceName: iface.name },
  }
}

function placeholderNic(topology: Topology, x: number, y: number, height: number, t: DiagramStrings): DiagramNode {
  const W = GEOMETRY.nicW
  return {
    id: 'nic:(host)',
    kind: 'nic',
    x,
    y,
    width: W,
    height,
    lines: [
      line(t.hostNetwork, 'title', W),
      line(topology.interfacesSource === 'unavailable' ? t.interfacesUnavailable : t.noPhysicalNic, 'muted', W),
      line(topology.interfacesNote ?? '', 'muted', W),
    ],
    group: null,
    dashed: true,
    match: false,
    state: null,
    ref: {},
  }
}

function hostLabel(topology: Topology, t: DiagramStrings): string {
  const e = topology.engine
  const parts = [t.hostTitle(e.hostName || ''), e.operatingSystem, e.version ? `Docker ${e.version}` : ''].filter(Boolean)
  return parts.join(' · ')
}

function ownerName(c: Container, containers: Container[]): string {
  const owner = containers.find((o) => o.id === c.sharesNetworkWith)
  return owner ? displayName(owner) : (c.sharesNetworkWith ?? '?').slice(0, 12)
}

function addPortsNotes(
  classified: Classified,
  nicNodes: DiagramNode[],
  primaryNic: DiagramNode,
  physical: HostInterface[],
  nodes: DiagramNode[],
  links: DiagramLink[],
  t: DiagramStrings,
): void {
  const G = GEOMETRY
  const byNic = new Map<string, Array<{ text: string; containerId: string; sort: [number, string] }>>()
  const nicForIp = new Map<string, string>()
  for (const iface of physical) for (const a of iface.ipv4) nicForIp.set(a.address, `nic:${iface.name}`)
  const owners = [...classified.bridgeOwners.values()].map((o) => o.owner).sort(byNameThenId)
  for (const owner of owners) {
    for (const port of publishedBindings(owner)) {
      const nicId = (port.hostIp && nicForIp.get(port.hostIp)) || primaryNic.id
      const list = byNic.get(nicId) ?? []
      list.push({
        text: `${formatHostIp(port.hostIp)}:${port.hostPort} → ${displayName(owner)}:${port.containerPort}/${port.protocol}`,
        containerId: owner.id,
        sort: [port.hostPort ?? 0, `${port.protocol}\u0000${displayName(owner)}`],
      })
      byNic.set(nicId, list)
    }
  }
  for (const nic of nicNodes) {
    const entries = byNic.get(nic.id)
    if (!entries?.length) continue
    entries.sort((a, b) => a.sort[0] - b.sort[0] || cmp(a.sort[1], b.sort[1]))
    const max = G.maxPortLines
    const shown = entries.length > max ? entries.slice(0, max - 1) : entries
    const lines: LabelLine[] = [line(t.publishedOn(nic.id.slice(4)), 'title', G.portsW), ...shown.map((e) => line(e.text, 'port', G.portsW))]
    if (entries.length > max) lines.push(line(t.more(entries.length - shown.length), 'port', G.portsW))
    const id = `ports:${nic.id.slice(4)}`
    const node: DiagramNode = {
      id,
      kind: 'ports',
      x: nic.x + G.nicW + G.portsGap,
      y: nic.y - 4,
      width: G.portsW,
      height: boxHeightForLines(lines),
      lines,
      group: 'group:host-netns',
      dashed: true,
      match: false,
      state: null,
      ref: { containerIds: [...new Set(entries.map((e) => e.containerId))].sort(cmp), interfaceName: nic.ref.interfaceName },
    }
    nodes.push(node)
    links.push({
      id: `publish:${id}`,
      kind: 'publish',
      source: nic.id,
      target: id,
      points: [nic.x + nic.width, nic.y + nic.height / 2, node.x, nic.y + nic.height / 2],
      shape: 'straight',
      label: null,
      labelAt: null,
      dashed: true,
    })
  }
}

function placeIsolated(
  isolated: Classified['isolated'],
  x: number,
  top: number,
  nodes: DiagramNode[],
  groups: DiagramGroup[],
  search: string | null,
  t: DiagramStrings,
): number {
  const G = GEOMETRY
  const boxX = x + G.boxInset
  let y = top + G.areaLabelH
  const members: string[] = []
  const boxH = boxHeightFor(NONE_ROLES)
  for (const { owner, members: sharers } of isolated) {
    const lines = [
      line(displayName(owner), 'title', G.boxW),
      line(owner.image, 'muted', G.boxW),
      line('lo 127.0.0.1/8', 'mono', G.boxW),
      line(t.isolatedDetail, 'muted', G.boxW),
    ]
    if (sharers.length === 0) {
      const node = containerNode(owner, 'none', boxX, y, G.boxW, boxH, lines, search)
      node.group = 'group:isolated'
      nodes.push(node)
      members.push(node.id)
      y += boxH + G.itemGap
      continue
    }
    const groupId = `group:netns:${owner.id}`
    y += G.groupPad
    const frameTop = y - G.groupPad
    const ownerNode = containerNode(owner, 'none', boxX, y, G.boxW, boxH, lines, search)
    ownerNode.group = groupId
    nodes.push(ownerNode)
    const ids = [ownerNode.id]
    y += boxH
    for (const m of [...sharers].sort(byNameThenId)) {
      y += G.memberGap
      const h = boxHeightFor(MEMBER_ROLES)
      const node = containerNode(m, 'none', boxX, y, G.boxW, h, [
        line(displayName(m), 'title', G.boxW),
        line(m.image, 'muted', G.boxW),
        line(`--network container:${displayName(owner)}`, 'muted', G.boxW),
      ], search)
      node.group = groupId
      nodes.push(node)
      ids.push(node.id)
      y += h
    }
    y += G.groupCaptionH + G.groupPad
    groups.push({ id: groupId, kind: 'netns', x: boxX - G.groupPad, y: frameTop, width: G.boxW + G.groupPad * 2, height: y - frameTop, label: t.sharedNamespace, members: ids })
    members.push(groupId)
    y += G.itemGap
  }
  const bottom = y - G.itemGap + 10
  groups.push({ id: 'group:isolated', kind: 'isolated', x, y: top, width: G.slotW, height: bottom - top, label: t.isolatedGroup, members })
  return bottom
}

function placeApart(
  apart: Classified['apart'],
  networkById: Map<string, Network>,
  x: number,
  top: number,
  nodes: DiagramNode[],
  groups: DiagramGroup[],
  search: string | null,
  t: DiagramStrings,
): number {
  const G = GEOMETRY
  const boxX = x + G.boxInset
  const boxH = boxHeightFor(APART_ROLES)
  let y = top + G.areaLabelH
  const members: string[] = []
  for (const { container: c, reason } of apart) {
    const networks = c.endpoints.map((e) => networkById.get(e.networkId)?.name ?? e.networkName).sort(cmp)
    const where =
      c.networkMode === 'host' ? 'network: host' : c.networkMode === 'none' ? 'network: none' : networks.length ? t.networksList(networks) : ''
    const node = containerNode(c, reason === 'stopped' ? 'stopped' : 'detached', boxX, y, G.boxW, boxH, [
      line(displayName(c), 'title', G.boxW),
      line(c.image, 'muted', G.boxW),
      line(reason === 'stopped' ? c.status || c.state : reason, 'muted', G.boxW),
      line(where, 'muted', G.boxW),
    ], search)
    node.group = 'group:stopped'
    nodes.push(node)
    members.push(node.id)
    y += boxH + G.itemGap
  }
  const bottom = y - G.itemGap + 10
  groups.push({ id: 'group:stopped', kind: 'stopped', x, y: top, width: G.slotW, height: bottom - top, label: t.apartGroup, members })
  return bottom
}

/** The key to the lines, listing the kinds of line the diagram actually draws. */
function legendBelow(y: number, links: DiagramLink[], t: DiagramStrings): Legend {
  const present = new Set<string>(links.map((l) => (l.dashed && l.kind !== 'publish' ? 'unknown' : l.kind)))
  const all: Array<{ key: string; kind: LinkKind; dashed: boolean; label: string }> = [
    { key: 'uplink', kind: 'uplink', dashed: false, label: t.legendUplink },
    { key: 'nat', kind: 'nat', dashed: false, label: t.legendNat },
    { key: 'bridge-veth', kind: 'bridge-veth', dashed: false, label: t.legendBridgePort },
    { key: 'veth-container', kind: 'veth-container', dashed: false, label: t.legendVethPair },
    { key: 'publish', kind: 'publish', dashed: true, label: t.legendPublish },
    { key: 'unknown', kind: 'bridge-veth', dashed: true, label: t.legendUnknownVeth },
  ]
  const sample = 28
  const gap = 16
  let x = 12
  const entries: LegendEntry[] = []
  for (const e of all) {
    if (!present.has(e.key)) continue
    entries.push({ kind: e.kind, dashed: e.dashed, label: e.label, x })
    // textWidth errs wide (it must, to truncate safely); a key reads better with a closer estimate.
    x += sample + 8 + Math.ceil(textWidth(e.label, 'muted') * 0.82) + gap
  }
  return { x: 0, y, width: Math.max(0, x - gap + 12), height: entries.length ? 28 : 0, entries }
}

function boundsOf(nodes: DiagramNode[], groups: DiagramGroup[], legend: Legend): Bounds {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const r of [...nodes, ...groups, ...(legend.entries.length ? [legend] : [])]) {
    if (r.x < minX) minX = r.x
    if (r.y < minY) minY = r.y
    if (r.x + r.width > maxX) maxX = r.x + r.width
    if (r.y + r.height > maxY) maxY = r.y + r.height
  }
  const m = GEOMETRY.margin
  return { x: minX - m, y: minY - m, width: maxX - minX + 2 * m, height: maxY - minY + 2 * m }
}

function clamp(value: number, min: number, max: number): number {
  return max < min ? (min + max) / 2 : Math.min(max, Math.max(min, value))
}

export interface PathHighlight {
  nodes: string[]
  links: string[]
  groups: string[]
}

const pathIndexCache = new WeakMap<DiagramLayout, { incoming: Map<string, DiagramLink[]>; byId: Map<string, DiagramNode> }>()

/**
 * The nodes, links and groups between a container and the outside world, for hover
 * highlighting: its namespace group, veths, bridges, the NIC that NATs them, the
 * outside, and the ports note when it publishes ports. Host-mode containers light up
 * the host's NICs; isolated ones only themselves.
 */
export function pathToOutside(layout: DiagramLayout, containerNodeId: string): PathHighlight {
  let index = pathIndexCache.get(layout)
  if (!index) {
    const incoming = new Map<string, DiagramLink[]>()
    for (const link of layout.links) {
      if (link.kind === 'publish') continue
      const list = incoming.get(link.target) ?? []
      list.push(link)
      incoming.set(link.target, list)
    }
    index = { incoming, byId: new Map(layout.nodes.map((n) => [n.id, n])) }
    pathIndexCache.set(layout, index)
  }
  const start = index.byId.get(containerNodeId)
  if (!start) return { nodes: [], links: [], groups: [] }
  const nodes = new Set<string>([start.id])
  const links = new Set<string>()
  const groups = new Set<string>()
  const frontier: string[] = [start.id]
  if (start.group?.startsWith('group:netns:')) {
    groups.add(start.group)
    frontier.push(start.group)
  }
  if (start.ref.placement === 'host') {
    groups.add('group:host-mode')
    for (const n of layout.nodes) if (n.kind === 'nic') frontier.push(n.id)
  }
  while (frontier.length) {
    const id = frontier.pop()!
    if (!id.startsWith('group:')) nodes.add(id)
    for (const link of index.incoming.get(id) ?? []) {
      if (links.has(link.id)) continue
      links.add(link.id)
      frontier.push(link.source)
    }
  }
  const containerId = start.ref.ownerId ?? start.ref.containerId
  for (const n of layout.nodes) {
    if (n.kind !== 'ports' || !containerId || !n.ref.containerIds?.includes(containerId)) continue
    nodes.add(n.id)
    const publish = layout.links.find((l) => l.kind === 'publish' && l.target === n.id)
    if (publish) links.add(publish.id)
  }
  return { nodes: [...nodes], links: [...links], groups: [...groups] }
}
