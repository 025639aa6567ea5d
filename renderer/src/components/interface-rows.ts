/**
 * The Interfaces table's rows and columns as plain data: what each column shows, how it
 * sorts, and which rows a filter keeps. The table component only renders this.
 */
import type { Container, HostInterface, InterfaceKind, InterfaceRate, Network } from '@shared/types'
import { nstrcmp } from '../../../electron/services/host/ifconfig'

export const COLUMN_KEYS = [
  'name',
  'kind',
  'links',
  'ipv4',
  'netmask',
  'broadcast',
  'ipv6',
  'ipv6Scope',
  'rxRate',
  'txRate',
  'activity',
  'mac',
  'flags',
  'mtu',
  'txqueuelen',
  'rxPackets',
  'rxBytes',
  'rxErrors',
  'rxDropped',
  'rxOverruns',
  'rxFrame',
  'txPackets',
  'txBytes',
  'txErrors',
  'txDropped',
  'txOverruns',
  'txCarrier',
  'txCollisions',
] as const

export type ColumnKey = (typeof COLUMN_KEYS)[number]

/** What fits a laptop screen, live traffic within sight; the chooser adds the rest of ifconfig's fields. */
export const DEFAULT_COLUMNS: ColumnKey[] = ['name', 'kind', 'links', 'ipv4', 'netmask', 'rxRate', 'txRate', 'activity', 'mac', 'flags', 'mtu']

export type ColumnGroup = 'identity' | 'addresses' | 'live' | 'rx' | 'tx'

export const COLUMN_GROUPS: Record<ColumnGroup, ColumnKey[]> = {
  identity: ['name', 'kind', 'links', 'flags', 'mtu', 'mac', 'txqueuelen'],
  addresses: ['ipv4', 'netmask', 'broadcast', 'ipv6', 'ipv6Scope'],
  live: ['rxRate', 'txRate', 'activity'],
  rx: ['rxPackets', 'rxBytes', 'rxErrors', 'rxDropped', 'rxOverruns', 'rxFrame'],
  tx: ['txPackets', 'txBytes', 'txErrors', 'txDropped', 'txOverruns', 'txCarrier', 'txCollisions'],
}

export const KINDS: InterfaceKind[] = ['loopback', 'physical', 'bridge', 'veth', 'tun', 'other']

/** One interface with what it connects to and its live figures. */
export interface InterfaceRow {
  iface: HostInterface
  /** For a veth: the container it leads to, when proven. */
  container: Container | null
  /** The network a bridge carries, or a veth's bridge carries. */
  network: Network | null
  rate: InterfaceRate | null
  history: number[]
}

export interface RowSources {
  interfaces: readonly HostInterface[]
  containersById: ReadonlyMap<string, Container>
  networksById: ReadonlyMap<string, Network>
  rates: ReadonlyMap<string, InterfaceRate>
  history: ReadonlyMap<string, number[]>
}

/**
 * The snapshot's interfaces joined with containers and networks, their counters replaced
 * by the latest live sample so the table and the ifconfig text move with it.
 */
export function buildRows(src: RowSources): InterfaceRow[] {
  return src.interfaces.map((iface) => {
    const rate = src.rates.get(iface.name) ?? null
    return {
      iface: rate ? { ...iface, rx: rate.rx, tx: rate.tx } : iface,
      container: iface.container ? (src.containersById.get(iface.container) ?? null) : null,
      network: iface.network ? (src.networksById.get(iface.network) ?? null) : null,
      rate,
      history: src.history.get(iface.name) ?? [],
    }
  })
}

export interface RowFilter {
  kind: InterfaceKind | 'all'
  /** Matches the interface name, its bridge, container and network names, addresses and MAC. */
  query: string
}

export function matchesFilter(row: InterfaceRow, filter: RowFilter): boolean {
  if (filter.kind !== 'all' && row.iface.kind !== filter.kind) return false
  const q = filter.query.trim().toLowerCase()
  if (q === '') return true
  const haystack = [
    row.iface.name,
    row.iface.master ?? '',
    row.container?.name ?? '',
    row.network?.name ?? '',
    row.iface.mac ?? '',
    ...row.iface.ipv4.map((a) => a.address),
    ...row.iface.ipv6.map((a) => a.address),
  ]
  return haystack.some((s) => s.toLowerCase().includes(q))
}

export type SortDirection = 'ascending' | 'descending'

export interface Sort {
  key: ColumnKey
  direction: SortDirection
}

export const DEFAULT_SORT: Sort = { key: 'name', direction: 'ascending' }

/** Numbers sort numerically (descending first is what a reader wants for traffic); text with ifconfig's name order. */
export function isNumeric(key: ColumnKey): boolean {
  return key === 'mtu' || key === 'txqueuelen' || key === 'activity' || key.startsWith('rx') || key.startsWith('tx')
}

const KIND_ORDER: Record<InterfaceKind, number> = { loopback: 0, physical: 1, bridge: 2, veth: 3, tun: 4, other: 5 }

function ipv4Number(address: string | null | undefined): number | null {
  if (!address) return null
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

const orNull = (text: string | null | undefined): string | null => (text ? text : null)

/** The value a column sorts by; null when the row has none, which sorts last either way. */
function sortValue(row: InterfaceRow, key: ColumnKey): number | string | null {
  const { iface, rate } = row
  switch (key) {
    case 'name':
      return iface.name
    case 'kind':
      return KIND_ORDER[iface.kind]
    case 'links':
      return orNull(row.container?.name ?? row.network?.name ?? iface.master)
    case 'flags':
      return iface.flagsValue
    case 'mtu':
      return iface.mtu
    case 'ipv4':
      return ipv4Number(iface.ipv4[0]?.address)
    case 'netmask':
      return ipv4Number(iface.ipv4[0]?.netmask)
    case 'broadcast':
      return ipv4Number(iface.ipv4[0]?.broadcast)
    case 'ipv6':
      return orNull(iface.ipv6[0]?.address)
    case 'ipv6Scope':
      return orNull(iface.ipv6[0]?.scope)
    case 'mac':
      return orNull(iface.mac)
    case 'txqueuelen':
      return iface.txqueuelen
    case 'rxRate':
      return rate?.rxBytesPerSec ?? 0
    case 'txRate':
      return rate?.txBytesPerSec ?? 0
    case 'activity':
      return row.history.reduce((a, b) => Math.max(a, b), 0)
    case 'rxPackets':
      return iface.rx.packets
    case 'rxBytes':
      return iface.rx.bytes
    case 'rxErrors':
      return iface.rx.errors
    case 'rxDropped':
      return iface.rx.dropped
    case 'rxOverruns':
      return iface.rx.overruns
    case 'rxFrame':
      return iface.rx.frame
    case 'txPackets':
      return iface.tx.packets
    case 'txBytes':
      return iface.tx.bytes
    case 'txErrors':
      return iface.tx.errors
    case 'txDropped':
      return iface.tx.dropped
    case 'txOverruns':
      return iface.tx.overruns
    case 'txCarrier':
      return iface.tx.carrier
    case 'txCollisions':
      return iface.tx.collisions
  }
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return nstrcmp(String(a), String(b))
}

/**
 * A stable sort: rows without a value go last in both directions, and ties fall back to
 * the interface name so the order never flickers between samples.
 */
export function sortRows(rows: readonly InterfaceRow[], sort: Sort): InterfaceRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1
  return [...rows].sort((x, y) => {
    const a = sortValue(x, sort.key)
    const b = sortValue(y, sort.key)
    let by = 0
    if (a === null || b === null) by = a === b ? 0 : a === null ? 1 : -1
    else by = compareValues(a, b) * sign
    return by !== 0 ? by : nstrcmp(x.iface.name, y.iface.name)
  })
}

/** Clicking a header: the same column flips direction; a new column starts where a reader expects. */
export function nextSort(current: Sort, key: ColumnKey): Sort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
  return { key, direction: isNumeric(key) && key !== 'mtu' && key !== 'txqueuelen' ? 'descending' : 'ascending' }
}
