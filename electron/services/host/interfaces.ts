/**
 * Reads this machine's network interfaces straight from the kernel: sysfs for the devices,
 * /proc/net for IPv6 addresses and counters, and iproute2's JSON for what only netlink
 * knows (IPv4 addresses, user-requested PROMISC/ALLMULTI, info_kind, link_netnsid).
 * ifconfig's text is never parsed.
 */
import { execFile as execFileCb } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { HostInterface } from '../../shared/types'
import {
  buildHostInterfaces,
  parseIpAddrJson,
  parseProcNetDev,
  rawLinkFromSysfs,
  rawLinksFromIpJson,
  SYSFS_ATTRIBUTES,
  type InterfaceCounters,
  type RawHostData,
  type RawLink,
  type SysfsAttributes,
} from './parse'

export {
  buildHostInterfaces,
  classifyKind,
  flagNames,
  formatIpv6,
  ifconfigFlags,
  parseIfInet6,
  parseIpAddrJson,
  parseProcNetDev,
  prefixToNetmask,
} from './parse'
export type { InterfaceCounters, RawHostData } from './parse'

export type ExecFile = (file: string, args: string[]) => Promise<string>

export interface HostReadDeps {
  /** Where sysfs is mounted; default `/sys`. */
  sysfsRoot?: string
  /** Where procfs is mounted; default `/proc`. */
  procRoot?: string
  /** Runs a program with an argument array (never a shell) and resolves with its stdout. */
  execFile?: ExecFile
  /** Answers `ip -j -d addr show` (e.g. from a resident {@link IpBatch}); execFile otherwise. */
  ipAddrJson?: () => Promise<string>
}

const execFileAsync = promisify(execFileCb)

/** The default {@link ExecFile}: no shell, argument array only, bounded time and output. */
export const defaultExecFile: ExecFile = async (file, args) => {
  const { stdout } = await execFileAsync(file, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10_000,
    env: { ...process.env, LC_ALL: 'C' },
  })
  return stdout
}

const readText = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined)

const readTextSync = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * sysfs attributes are tiny, in-memory and answered without blocking, so they are read
 * synchronously: asynchronous reads would queue ~10 files per interface on libuv's four
 * threads and cost tens of milliseconds on a host with 100 veths.
 */
function readSysfsLink(netDir: string, name: string): RawLink | null {
  const dir = join(netDir, name)
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return null
  }
  const entrySet = new Set(entries)
  const attrs: SysfsAttributes = {}
  for (const f of [...SYSFS_ATTRIBUTES, 'uevent'] as const) attrs[f] = readTextSync(join(dir, f))
  let master: string | null = null
  if (entrySet.has('master')) {
    try {
      master = readlinkSync(join(dir, 'master'))
    } catch {
      master = null
    }
  }
  return rawLinkFromSysfs(name, attrs, entrySet, master)
}

/** Reads every interface's sysfs directory, yielding to the event loop between batches. */
export async function readSysfsLinks(sysfsRoot = '/sys'): Promise<RawLink[]> {
  const netDir = join(sysfsRoot, 'class', 'net')
  const names = await readdir(netDir)
  const links: Array<RawLink | null> = []
  for (let i = 0; i < names.length; i += 50) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve))
    for (const n of names.slice(i, i + 50)) links.push(readSysfsLink(netDir, n))
  }
  return links.filter((l): l is RawLink => l !== null)
}

/**
 * Collects the raw data of the direct path ("collect raw → parse"): one `ip -j -d addr`
 * for the links and IPv4, /proc/net for IPv6 and counters. sysfs is the fallback where
 * iproute2 is missing (and the helper container's source).
 */
export async function collectHostData(deps: HostReadDeps = {}): Promise<RawHostData> {
  const procRoot = deps.procRoot ?? '/proc'
  const execFile = deps.execFile ?? defaultExecFile
  const [ipJson, ifInet6, procNetDev] = await Promise.all([
    (deps.ipAddrJson ? deps.ipAddrJson().catch(() => execFile('ip', ['-j', '-d', 'addr', 'show'])) : execFile('ip', ['-j', '-d', 'addr', 'show'])).catch(
      () => null,
    ),
    readText(join(procRoot, 'net', 'if_inet6')),
    readFile(join(procRoot, 'net', 'dev'), 'utf8'),
  ])
  if (ipJson === null || deps.sysfsRoot !== undefined) {
    const links = await readSysfsLinks(deps.sysfsRoot ?? '/sys')
    const { netlink, ipv4 } = ipJson === null ? { netlink: new Map(), ipv4: [] } : parseIpAddrJson(ipJson)
    return { links, netlink, ipv4, ifInet6: ifInet6 ?? '', procNetDev }
  }
  const { netlink, ipv4 } = parseIpAddrJson(ipJson)
  return { links: rawLinksFromIpJson(ipJson), netlink, ipv4, ifInet6: ifInet6 ?? '', procNetDev }
}

/** This Linux host's interfaces, sorted by index. `container` and `network` are left null. */
export async function readHostInterfaces(deps: HostReadDeps = {}): Promise<HostInterface[]> {
  return buildHostInterfaces(await collectHostData(deps))
}

/**
 * Counters of every interface, for polling: one read of /proc/net/dev, no exec. This is
 * the file ifconfig itself reads, so the numbers (including its summed dropped, frame and
 * carrier columns) are ifconfig's; reading sysfs would cost 13 files per interface.
 */
export async function readCounters(deps: Pick<HostReadDeps, 'procRoot'> = {}): Promise<InterfaceCounters[]> {
  return parseProcNetDev(await readFile(join(deps.procRoot ?? '/proc', 'net', 'dev'), 'utf8'))
}
