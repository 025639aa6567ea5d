/**
 * Which container each host veth leads to, proven from the kernel's own records and
 * without exec into any container.
 *
 * A host veth's `iflink` is the ifindex of its peer, which lives in the container's network
 * namespace. Indexes are only unique per namespace, so the direction matters: we look the
 * host veth's iflink up among the interfaces *inside* each container's namespace (the
 * known wrong approach reads the container's `eth0@ifN` and greps the host for `ifN`, the
 * other way round, and trusts any hit). A candidate is then confirmed from the container's
 * side: its own sysfs says `iflink` = the host veth's index, which is unique on the host.
 *
 * Inputs come from procfs (`/proc/<pid>/ns/net`, `/proc/<pid>/net/igmp` or
 * `/proc/<pid>/net/dev_mcast`, `/proc/<pid>/root/sys/class/net/<if>/{ifindex,iflink}`),
 * read here on this machine ({@link probeNamespaces}) or dumped by the helper container
 * from the engine's VM (see helper.ts); {@link resolveVethMap} is pure and serves both.
 */
import { readFileSync, readlinkSync } from 'node:fs'
import { readlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { HostInterface } from '../../shared/types'

/** A running container as the map needs it. */
export interface RunningContainerRef {
  id: string
  pid: number
  /** HostConfig.NetworkMode: `bridge`, `host`, `none`, `container:<id>`, a network name… */
  networkModeRaw: string
}

export interface NamespaceInterface {
  index: number
  name: string
}

/** What could be read about one process's network namespace. */
export interface NamespaceProbe {
  pid: number
  /** Inode of /proc/<pid>/ns/net; null when it could not be read (e.g. not root). */
  netnsInode: number | null
  /** Interfaces of the namespace with their indexes, `lo` left out. */
  interfaces: NamespaceInterface[]
  /**
   * The container's own sysfs view: iflink by interface name, kept only where the
   * interface's ifindex there agrees with {@link interfaces} (so it is really this
   * namespace's sysfs). Null when unreadable.
   */
  iflinks: Record<string, number> | null
  /** Why the probe is incomplete, if it is. */
  error: string | null
}

/** How an owner was established, strongest first. */
export type VethProof =
  /** The container's sysfs names this veth's index as its interface's iflink. */
  | 'iflink'
  /** Same link-netnsid as a veth proven by `iflink` to lead into this namespace. */
  | 'netnsid'
  /**
   * Exactly one running container's namespace has an interface with the peer's index, and
   * nothing contradicts it, but the container side could not be read to confirm it.
   */
  | 'unique-index'

export interface VethOwnerEntry {
  containerId: string
  containerIfIndex: number
  containerIfName: string
  netnsInode: number | null
  /** The bridge the host veth is enslaved to. */
  bridge: string | null
  proof: VethProof
}

export type UnresolvedReason = 'no-candidate' | 'ambiguous' | 'owner-unknown' | 'conflict'

export interface UnresolvedVeth {
  veth: string
  peerIndex: number
  reason: UnresolvedReason
  detail: string
  /** Containers (namespace owners, or members when there is no single owner) that were candidates. */
  candidates: string[]
}

export interface VethMap {
  owners: Map<string, VethOwnerEntry>
  unresolved: UnresolvedVeth[]
  /** Containers that could not be placed (no probe, unreadable namespace…). */
  notes: string[]
}

/* ------------------------------------------------------------------------------------ */
/* Parsers                                                                               */
/* ------------------------------------------------------------------------------------ */

/** The inode in a namespace link such as `net:[4026531840]`. */
export function parseNetnsLink(text: string): number | null {
  const m = /\[(\d+)\]/.exec(text)
  return m ? Number(m[1]) : null
}

/** Interfaces listed in /proc/<pid>/net/igmp (every IPv4 device with a multicast group, i.e. every up one). */
export function parseIgmp(text: string): NamespaceInterface[] {
  const out: NamespaceInterface[] = []
  for (const line of text.split('\n')) {
    const m = /^(\d+)\s+(\S+?)\s*:/.exec(line)
    if (m) out.push({ index: Number(m[1]), name: m[2] })
  }
  return out
}

/** Interfaces listed in /proc/<pid>/net/dev_mcast (one line per link-layer multicast address). */
export function parseDevMcast(text: string): NamespaceInterface[] {
  const out: NamespaceInterface[] = []
  for (const line of text.split('\n')) {
    const m = /^(\d+)\s+(\S+)\s+\d+\s+\d+\s+[0-9a-f]+\s*$/i.exec(line)
    if (m) out.push({ index: Number(m[1]), name: m[2] })
  }
  return out
}

/** Union by index, `lo` excluded, sorted by index. */
export function mergeNamespaceInterfaces(...lists: NamespaceInterface[][]): NamespaceInterface[] {
  const byIndex = new Map<number, NamespaceInterface>()
  for (const list of lists) {
    for (const i of list) if (i.name !== 'lo' && !byIndex.has(i.index)) byIndex.set(i.index, i)
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index)
}

/**
 * Keeps the iflinks of interfaces whose ifindex in the container's sysfs matches the
 * namespace's, and returns null when none could be read.
 */
export function verifiedIflinks(
  interfaces: NamespaceInterface[],
  sysfs: Map<string, { ifindex?: number; iflink?: number }>,
): Record<string, number> | null {
  const out: Record<string, number> = {}
  let any = false
  for (const i of interfaces) {
    const s = sysfs.get(i.name)
    if (s?.ifindex === i.index && s.iflink !== undefined) {
      out[i.name] = s.iflink
      any = true
    }
  }
  return any ? out : null
}

/* ------------------------------------------------------------------------------------ */
/* Direct probing (this machine)                                                         */
/* ------------------------------------------------------------------------------------ */

// procfs and sysfs files live in memory, so reading them never waits on a disk. Read
// synchronously they cost a few microseconds each; through the libuv pool every small
// file becomes several thread hops (open, stat, read, close), eight times slower in
// practice (100 containers: ~10 ms for the whole map instead of 40-70 ms). probeNamespaces() yields to the
// event loop between batches so the main process stays responsive.
const readTextSync = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}
const readIntSync = (path: string): number | undefined => {
  const t = readTextSync(path)
  const n = t === null ? NaN : parseInt(t.trim(), 10)
  return Number.isFinite(n) ? n : undefined
}
const readlinkOrNull = (path: string): string | null => {
  try {
    return readlinkSync(path)
  } catch {
    return null
  }
}

/**
 * Reads one process's namespace: its ns link, /net/igmp (every interface that is up has
 * joined 224.0.0.1, so all of them are listed; /net/dev_mcast only when igmp shows
 * none), and ifindex and iflink of those interfaces in the container's own sysfs.
 */
export function probeNamespaceSync(pid: number, procRoot = '/proc'): NamespaceProbe {
  const base = join(procRoot, String(pid))
  const nsLink = readlinkOrNull(join(base, 'ns', 'net'))
  const igmp = readTextSync(join(base, 'net', 'igmp'))
  let interfaces = mergeNamespaceInterfaces(parseIgmp(igmp ?? ''))
  let devMcast: string | null = ''
  if (interfaces.length === 0) {
    devMcast = readTextSync(join(base, 'net', 'dev_mcast'))
    interfaces = mergeNamespaceInterfaces(parseDevMcast(devMcast ?? ''))
  }
  const sysfsNet = join(base, 'root', 'sys', 'class', 'net')
  const views = new Map(
    interfaces.map((i) => [
      i.name,
      { ifindex: readIntSync(join(sysfsNet, i.name, 'ifindex')), iflink: readIntSync(join(sysfsNet, i.name, 'iflink')) },
    ]),
  )
  const problems: string[] = []
  if (nsLink === null) problems.push('ns/net unreadable')
  if (igmp === null && devMcast === null) problems.push('net/igmp and net/dev_mcast unreadable')
  return {
    pid,
    netnsInode: nsLink === null ? null : parseNetnsLink(nsLink),
    interfaces,
    iflinks: verifiedIflinks(interfaces, views),
    error: problems.length ? problems.join('; ') : null,
  }
}

/** {@link probeNamespaceSync}, promise-shaped. */
export async function probeNamespace(pid: number, procRoot = '/proc'): Promise<NamespaceProbe> {
  return probeNamespaceSync(pid, procRoot)
}

/** Probes many processes, in batches with a turn of the event loop between them. */
export async function probeNamespaces(pids: number[], procRoot = '/proc', batch = 25): Promise<NamespaceProbe[]> {
  const unique = [...new Set(pids)]
  const out: NamespaceProbe[] = []
  for (let at = 0; at < unique.length; at += batch) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve))
    for (const pid of unique.slice(at, at + batch)) out.push(probeNamespaceSync(pid, procRoot))
  }
  return out
}

/** Inodes of the host's network namespace: ours and init's (either may be unreadable). */
export async function readHostNetnsInodes(procRoot = '/proc'): Promise<number[]> {
  const links = await Promise.all(
    ['self', '1'].map((p) => readlink(join(procRoot, p, 'ns', 'net')).catch(() => null)),
  )
  return [...new Set(links.map((l) => (l === null ? null : parseNetnsLink(l))).filter((n): n is number => n !== null))]
}

/* ------------------------------------------------------------------------------------ */
/* Resolution (pure)                                                                     */
/* ------------------------------------------------------------------------------------ */

interface Namespace {
  key: string
  inode: number | null
  members: RunningContainerRef[]
  owners: RunningContainerRef[]
  names: Map<number, string>
  iflinks: Map<string, number>
}

export interface VethMapInput {
  containers: RunningContainerRef[]
  probes: NamespaceProbe[]
  /** Inodes that identify the host's own namespace (host-mode containers share it). */
  hostNetnsInodes: number[]
  /** The host's interfaces; only veths are looked at. */
  interfaces: HostInterface[]
}

const isShared = (c: RunningContainerRef): boolean => c.networkModeRaw.startsWith('container:')

function groupNamespaces(input: VethMapInput, notes: string[]): Namespace[] {
  const probes = new Map(input.probes.map((p) => [p.pid, p]))
  const host = new Set(input.hostNetnsInodes)
  const byKey = new Map<string, Namespace>()
  for (const c of input.containers) {
    if (!(c.pid > 0) || c.networkModeRaw === 'host') continue
    const probe = probes.get(c.pid)
    if (!probe) {
      notes.push(`${c.id}: no namespace probe for pid ${c.pid}`)
      continue
    }
    if (probe.netnsInode !== null && host.has(probe.netnsInode)) continue
    if (probe.netnsInode === null && isShared(c)) {
      // Its namespace is its owner's, which is probed on its own account.
      notes.push(`${c.id}: namespace unreadable; shares ${c.networkModeRaw.slice('container:'.length)}`)
      continue
    }
    if (probe.error) notes.push(`${c.id}: ${probe.error}`)
    const key = probe.netnsInode !== null ? `inode:${probe.netnsInode}` : `pid:${c.pid}`
    let ns = byKey.get(key)
    if (!ns) {
      ns = { key, inode: probe.netnsInode, members: [], owners: [], names: new Map(), iflinks: new Map() }
      byKey.set(key, ns)
    }
    ns.members.push(c)
    if (!isShared(c)) ns.owners.push(c)
    for (const i of probe.interfaces) if (!ns.names.has(i.index)) ns.names.set(i.index, i.name)
    for (const [name, iflink] of Object.entries(probe.iflinks ?? {})) ns.iflinks.set(name, iflink)
  }
  return [...byKey.values()]
}

const idsOf = (ns: Namespace): string[] => (ns.owners.length ? ns.owners : ns.members).map((c) => c.id)

/**
 * Maps host veths to containers. Containers sharing a namespace (`container:` mode, or
 * any pids with the same netns inode) count once, under the namespace's owner; host-mode
 * containers are left out. Anything that cannot be proven is reported, never guessed.
 */
export function resolveVethMap(input: VethMapInput): VethMap {
  const notes: string[] = []
  const namespaces = groupNamespaces(input, notes)
  const owners = new Map<string, VethOwnerEntry>()
  const unresolved: UnresolvedVeth[] = []
  const veths = input.interfaces.filter((i) => i.kind === 'veth' && i.peerIndex !== null)

  type Verdict = { ns: Namespace; state: 'match' | 'mismatch' | 'unknown' }
  const holders = new Map<number, Namespace[]>()
  for (const ns of namespaces) for (const index of ns.names.keys()) holders.set(index, [...(holders.get(index) ?? []), ns])
  const verdicts = new Map<string, Verdict[]>()
  for (const v of veths) {
    const peer = v.peerIndex as number
    verdicts.set(
      v.name,
      (holders.get(peer) ?? []).map((ns): Verdict => {
        const iflink = ns.iflinks.get(ns.names.get(peer) as string)
        return { ns, state: iflink === undefined ? 'unknown' : iflink === v.index ? 'match' : 'mismatch' }
      }),
    )
  }

  // Pass 1: proofs from the container side, and what they teach about link-netnsids.
  const proven = new Map<string, { ns: Namespace; proof: VethProof }>()
  const nsidToKey = new Map<number, string | null>()
  const keyToNsid = new Map<string, number | null>()
  const learn = (nsid: number | null, key: string): void => {
    if (nsid === null) return
    const k = nsidToKey.get(nsid)
    nsidToKey.set(nsid, k === undefined || k === key ? key : null)
    const n = keyToNsid.get(key)
    keyToNsid.set(key, n === undefined || n === nsid ? nsid : null)
  }
  for (const v of veths) {
    const matches = (verdicts.get(v.name) ?? []).filter((x) => x.state === 'match')
    if (matches.length === 1) {
      proven.set(v.name, { ns: matches[0].ns, proof: 'iflink' })
      learn(v.linkNetnsId, matches[0].ns.key)
    }
  }

  // Pass 2: the rest, narrowed by link-netnsid, accepted only when a single candidate is left.
  for (const v of veths) {
    if (proven.has(v.name)) continue
    const peer = v.peerIndex as number
    const all = verdicts.get(v.name) ?? []
    let open = all.filter((x) => x.state !== 'mismatch')
    const fail = (reason: UnresolvedReason, detail: string, from: Verdict[] = open): void => {
      unresolved.push({ veth: v.name, peerIndex: peer, reason, detail, candidates: from.flatMap((x) => idsOf(x.ns)) })
    }
    if (all.some((x) => x.state === 'match')) {
      fail('conflict', `several namespaces claim index ${v.index} as their interface's peer`, all)
      continue
    }
    const nsid = v.linkNetnsId
    const known = nsid === null ? undefined : nsidToKey.get(nsid)
    if (typeof known === 'string') {
      const hit = open.find((x) => x.ns.key === known)
      if (!hit) {
        fail('conflict', `link-netnsid ${nsid} belongs to a namespace without an interface ${peer}`)
        continue
      }
      proven.set(v.name, { ns: hit.ns, proof: 'netnsid' })
      continue
    }
    if (nsid !== null) open = open.filter((x) => keyToNsid.get(x.ns.key) === undefined || keyToNsid.get(x.ns.key) === nsid)
    if (open.length === 0) {
      fail(
        'no-candidate',
        all.length
          ? `the namespaces with an interface ${peer} do not hold this veth's peer`
          : `no running container's namespace has an interface with index ${peer}`,
        all,
      )
    } else if (open.length > 1) {
      fail('ambiguous', `${open.length} namespaces have an interface ${peer} and none could be confirmed`)
    } else {
      proven.set(v.name, { ns: open[0].ns, proof: 'unique-index' })
    }
  }

  // Two weaker proofs must not land on the same container interface.
  const claims = new Map<string, string[]>()
  const vethByName = new Map(veths.map((v) => [v.name, v]))
  for (const [veth, { ns }] of proven) {
    const slot = `${ns.key}#${vethByName.get(veth)?.peerIndex}`
    claims.set(slot, [...(claims.get(slot) ?? []), veth])
  }
  for (const v of veths) {
    const p = proven.get(v.name)
    if (!p) continue
    const peer = v.peerIndex as number
    const rivals = claims.get(`${p.ns.key}#${peer}`) ?? []
    if (rivals.length > 1) {
      unresolved.push({
        veth: v.name,
        peerIndex: peer,
        reason: 'conflict',
        detail: `${rivals.join(', ')} all point at interface ${peer} of one namespace`,
        candidates: idsOf(p.ns),
      })
      continue
    }
    if (p.ns.owners.length !== 1) {
      unresolved.push({
        veth: v.name,
        peerIndex: peer,
        reason: 'owner-unknown',
        detail: p.ns.owners.length
          ? `namespace has ${p.ns.owners.length} containers not in container: mode`
          : 'the namespace owner is not running; only containers sharing it are',
        candidates: idsOf(p.ns),
      })
      continue
    }
    owners.set(v.name, {
      containerId: p.ns.owners[0].id,
      containerIfIndex: peer,
      containerIfName: p.ns.names.get(peer) as string,
      netnsInode: p.ns.inode,
      bridge: v.master,
      proof: p.proof,
    })
  }
  unresolved.sort((a, b) => a.veth.localeCompare(b.veth))
  return { owners, unresolved, notes }
}

export interface VethMapDeps {
  procRoot?: string
}

/** Probes the running containers' namespaces on this machine and resolves the map. */
export async function readVethMap(
  containers: RunningContainerRef[],
  interfaces: HostInterface[],
  deps: VethMapDeps = {},
): Promise<VethMap> {
  const procRoot = deps.procRoot ?? '/proc'
  const pids = containers.filter((c) => c.pid > 0 && c.networkModeRaw !== 'host').map((c) => c.pid)
  const [probes, hostNetnsInodes] = await Promise.all([probeNamespaces(pids, procRoot), readHostNetnsInodes(procRoot)])
  return resolveVethMap({ containers, probes, hostNetnsInodes, interfaces })
}
