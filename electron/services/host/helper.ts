/**
 * Reading the engine host's interfaces when that host is a VM (Docker Desktop and the
 * like): a short-lived busybox container in the host's network and pid namespaces dumps
 * the raw sysfs/procfs data, and the same parser as the direct path turns it into
 * {@link HostInterface}s. The dump also carries what the veth map needs from each
 * container's /proc/<pid>, so the map is built the same way on both paths.
 */
import type Dockerode from 'dockerode'
import type { HostInterface } from '../../shared/types'
import {
  buildHostInterfaces,
  parseBusyboxIpAddr,
  parseBusyboxIpLink,
  rawLinkFromSysfs,
  type RawHostData,
  type RawLink,
  type SysfsAttributes,
} from './parse'
import {
  mergeNamespaceInterfaces,
  parseDevMcast,
  parseIgmp,
  parseNetnsLink,
  verifiedIflinks,
  type NamespaceProbe,
} from './veth-map'

export const HELPER_IMAGE = 'busybox:latest'
export const HELPER_LABEL = 'bridgeview.helper'

/**
 * The fixed script the helper runs. Container pids arrive as positional parameters
 * ("$@"), checked to be digits both here and on the Node side; nothing is interpolated.
 * Every section starts with a line `@@bv <section> [arg]`.
 */
export const HELPER_SCRIPT = [
  'N=/sys/class/net',
  'echo "@@bv attrs"',
  'grep -sH "" $N/*/ifindex $N/*/iflink $N/*/mtu $N/*/address $N/*/flags $N/*/tx_queue_len $N/*/operstate $N/*/type',
  'echo "@@bv devtype"',
  'grep -sH "^DEVTYPE=" $N/*/uevent',
  'echo "@@bv entries"',
  'ls -d $N/*/device $N/*/bridge $N/*/tun_flags $N/*/lower_* 2>/dev/null',
  'echo "@@bv master"',
  'for m in $N/*/master; do [ -L "$m" ] && echo "$m $(readlink "$m")"; done',
  'echo "@@bv if_inet6"',
  'cat /proc/net/if_inet6 2>/dev/null',
  'echo "@@bv dev"',
  'cat /proc/net/dev',
  'echo "@@bv iplink"',
  'ip -o link',
  'echo "@@bv ipaddr"',
  'ip -o -4 addr',
  'echo "@@bv hostns"',
  'readlink /proc/1/ns/net 2>/dev/null',
  'readlink /proc/self/ns/net 2>/dev/null',
  'for p in "$@"; do',
  '  case "$p" in ""|*[!0-9]*) continue;; esac',
  '  echo "@@bv pid $p"',
  '  echo "@@bv ns"',
  '  readlink /proc/$p/ns/net 2>/dev/null',
  '  echo "@@bv igmp"',
  '  cat /proc/$p/net/igmp 2>/dev/null',
  '  echo "@@bv dev_mcast"',
  '  cat /proc/$p/net/dev_mcast 2>/dev/null',
  '  echo "@@bv iflink"',
  '  grep -sH "" /proc/$p/root/sys/class/net/*/ifindex /proc/$p/root/sys/class/net/*/iflink',
  'done',
  'echo "@@bv end"',
].join('\n')

export interface HelperDump {
  raw: RawHostData
  hostNetnsInodes: number[]
  probes: NamespaceProbe[]
}

/** `…/class/net/<if>/<attr>:<value>` lines from `grep -H`, by interface. */
function parseGrepAttributes(lines: string[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  for (const line of lines) {
    const m = /\/class\/net\/([^/]+)\/([^/:]+):(.*)$/.exec(line)
    if (!m) continue
    const attrs = out.get(m[1]) ?? new Map<string, string>()
    attrs.set(m[2], m[3])
    out.set(m[1], attrs)
  }
  return out
}

/** Splits the dump into its sections and parses each with the shared parsers. */
export function parseHelperDump(text: string): HelperDump {
  type Section = { name: string; arg: string; lines: string[] }
  const sections: Section[] = []
  let current: Section | null = null
  for (const line of text.split('\n')) {
    const m = /^@@bv (\S+)(?: (.*))?$/.exec(line)
    if (m) {
      current = { name: m[1], arg: m[2] ?? '', lines: [] }
      sections.push(current)
    } else if (current) {
      current.lines.push(line)
    }
  }
  if (!sections.some((s) => s.name === 'end')) throw new Error('helper output is incomplete (no end marker)')
  const top = (name: string): string[] => sections.find((s) => s.name === name)?.lines ?? []

  const attrs = parseGrepAttributes(top('attrs'))
  const devTypes = parseGrepAttributes(top('devtype'))
  const entries = new Map<string, Set<string>>()
  for (const line of top('entries')) {
    const m = /\/class\/net\/([^/]+)\/([^/\s]+)$/.exec(line.trim())
    if (!m) continue
    const set = entries.get(m[1]) ?? new Set<string>()
    set.add(m[2])
    entries.set(m[1], set)
  }
  const masters = new Map<string, string>()
  for (const line of top('master')) {
    const m = /\/class\/net\/([^/]+)\/master (.+)$/.exec(line)
    if (m) masters.set(m[1], m[2])
  }
  const links: RawLink[] = []
  for (const [name, values] of attrs) {
    const a: SysfsAttributes = Object.fromEntries(values)
    const devType = devTypes.get(name)?.get('uevent')
    if (devType !== undefined) a.uevent = devType
    const entrySet = new Set(entries.get(name) ?? [])
    if (masters.has(name)) entrySet.add('master')
    const link = rawLinkFromSysfs(name, a, entrySet, masters.get(name) ?? null)
    if (link) links.push(link)
  }

  const probes: NamespaceProbe[] = []
  for (let i = 0; i < sections.length; i++) {
    if (sections[i].name !== 'pid') continue
    const pid = Number(sections[i].arg)
    const part = (name: string): string[] | null => {
      for (let j = i + 1; j < sections.length && sections[j].name !== 'pid' && sections[j].name !== 'end'; j++) {
        if (sections[j].name === name) return sections[j].lines
      }
      return null
    }
    const ns = (part('ns') ?? []).join('\n')
    const igmp = part('igmp') ?? []
    const devMcast = part('dev_mcast') ?? []
    // As on the direct path: igmp lists every up interface; dev_mcast only stands in when it lists none.
    let interfaces = mergeNamespaceInterfaces(parseIgmp(igmp.join('\n')))
    if (interfaces.length === 0) interfaces = mergeNamespaceInterfaces(parseDevMcast(devMcast.join('\n')))
    const sysfs = new Map<string, { ifindex?: number; iflink?: number }>()
    for (const [name, values] of parseGrepAttributes(part('iflink') ?? [])) {
      const int = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined)
      sysfs.set(name, { ifindex: int(values.get('ifindex')), iflink: int(values.get('iflink')) })
    }
    const inode = parseNetnsLink(ns)
    const problems: string[] = []
    if (inode === null) problems.push('ns/net unreadable')
    if (interfaces.length === 0 && igmp.every((l) => l.trim() === '')) problems.push('net/igmp unreadable or empty')
    probes.push({
      pid,
      netnsInode: inode,
      interfaces,
      iflinks: verifiedIflinks(interfaces, sysfs),
      error: problems.length ? problems.join('; ') : null,
    })
  }

  const hostNetnsInodes = [
    ...new Set(top('hostns').map(parseNetnsLink).filter((n): n is number => n !== null)),
  ]
  const raw: RawHostData = {
    links,
    netlink: parseBusyboxIpLink(top('iplink').join('\n')),
    ipv4: parseBusyboxIpAddr(top('ipaddr').join('\n')),
    ifInet6: top('if_inet6').join('\n'),
    procNetDev: top('dev').join('\n'),
  }
  return { raw, hostNetnsInodes, probes }
}

/** Splits Docker's multiplexed attach stream (8-byte frame headers) into stdout and stderr. */
export function demuxDockerStream(buffer: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = []
  const err: Buffer[] = []
  let at = 0
  while (at + 8 <= buffer.length) {
    const kind = buffer[at]
    const size = buffer.readUInt32BE(at + 4)
    const frame = buffer.subarray(at + 8, at + 8 + size)
    if (kind === 2) err.push(frame)
    else out.push(frame)
    at += 8 + size
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }
}

/** Makes sure an image is present, pulling it (and following the pull to its end) if not. */
export async function ensureImage(docker: Dockerode, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect()
    return
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error
  }
  await pullImage(docker, image)
}

/** Pulls an image and resolves once the engine reports the pull finished. */
export async function pullImage(docker: Dockerode, image: string): Promise<void> {
  const stream = await docker.pull(image)
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string }>) => {
      const failed = output?.find((o) => o.error)
      if (err) reject(err)
      else if (failed?.error) reject(new Error(`pull ${image}: ${failed.error}`))
      else resolve()
    })
  })
}

export interface HelperOptions {
  /** Image to run; default busybox:latest. */
  image?: string
  /** Pids (in the engine's pid namespace) whose network namespaces to dump for the veth map. */
  pids?: number[]
  /** Extra labels for the helper container (tests add `bridgeview.test`). */
  labels?: Record<string, string>
  /** Give up after this long; default 20 s. */
  timeoutMs?: number
}

export interface HelperReading {
  interfaces: HostInterface[]
  /** For {@link resolveVethMap}. */
  probes: NamespaceProbe[]
  hostNetnsInodes: number[]
}

/**
 * Runs the helper container (`--network host --pid host`, read-only, all capabilities
 * dropped except SYS_PTRACE, which reading other processes' /proc/<pid>/ns and /root
 * requires) and parses what it dumped. The container is always removed.
 */
/**
 * Removes helper containers that a previous run could not remove (the engine went away
 * mid-read): they are Bridgeview's own and must not linger in the user's `docker ps -a`.
 */
export async function sweepStaleHelpers(docker: Dockerode, olderThanMs = 60_000): Promise<number> {
  const stale = (await docker.listContainers({ all: true, filters: { label: [HELPER_LABEL] } })).filter(
    (c) => c.State !== 'running' && Date.now() - c.Created * 1000 > olderThanMs,
  )
  await Promise.all(stale.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)))
  return stale.length
}

export async function readInterfacesViaHelper(docker: Dockerode, opts: HelperOptions = {}): Promise<HelperReading> {
  void sweepStaleHelpers(docker).catch(() => undefined)
  const image = opts.image ?? HELPER_IMAGE
  const pids = [...new Set(opts.pids ?? [])].filter((p) => Number.isInteger(p) && p > 0).map(String)
  await ensureImage(docker, image)
  const container = await docker.createContainer({
    Image: image,
    Entrypoint: ['sh', '-c'],
    Cmd: [HELPER_SCRIPT, 'bridgeview-helper', ...pids],
    Labels: { ...opts.labels, [HELPER_LABEL]: 'interfaces' },
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    NetworkDisabled: false,
    HostConfig: {
      NetworkMode: 'host',
      PidMode: 'host',
      AutoRemove: false,
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      CapAdd: ['SYS_PTRACE'],
      SecurityOpt: ['no-new-privileges'],
      LogConfig: { Type: 'none', Config: {} },
    },
  })
  const timeoutMs = opts.timeoutMs ?? 20_000
  let timer: NodeJS.Timeout | undefined
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true })
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    const ended = new Promise<void>((resolve, reject) => {
      stream.on('end', resolve)
      stream.on('close', resolve)
      stream.on('error', reject)
    })
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`helper container timed out after ${timeoutMs} ms`)), timeoutMs)
    })
    await container.start()
    const result = (await Promise.race([container.wait(), timedOut])) as { StatusCode: number }
    await Promise.race([ended, timedOut])
    const { stdout, stderr } = demuxDockerStream(Buffer.concat(chunks))
    if (result.StatusCode !== 0) {
      throw new Error(`helper container exited with ${result.StatusCode}: ${stderr.trim().slice(0, 500)}`)
    }
    const dump = parseHelperDump(stdout)
    return { interfaces: buildHostInterfaces(dump.raw), probes: dump.probes, hostNetnsInodes: dump.hostNetnsInodes }
  } finally {
    if (timer) clearTimeout(timer)
    await container.remove({ force: true }).catch(() => undefined)
  }
}
