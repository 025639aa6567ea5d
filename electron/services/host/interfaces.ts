/**
 * Reads this machine's network interfaces straight from the kernel: sysfs for the devices,
 * /proc/net for IPv6 addresses and counters, and iproute2's JSON for what only netlink
 * knows (IPv4 addresses, user-requested PROMISC/ALLMULTI, info_kind, link_netnsid).
 * ifconfig's text is never parsed.
 */
import { execFile as execFileCb } from 'node:child_process'
import { readdir, readFile, readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { HostInterface } from '../../shared/types'
import {
  buildHostInterfaces,
  parseIpAddrJson,
  parseProcNetDev,
  rawLinkFromSysfs,
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

async function readSysfsLink(netDir: string, name: string): Promise<RawLink | null> {
  const dir = join(netDir, name)
  const entries = await readdir(dir).catch(() => null)
  if (entries === null) return null
  const entrySet = new Set(entries)
  const files = [...SYSFS_ATTRIBUTES, 'uevent'] as const
  const [values, master] = await Promise.all([
    Promise.all(files.map((f) => readText(join(dir, f)))),
    entrySet.has('master') ? readlink(join(dir, 'master')).catch(() => null) : Promise.resolve(null),
  ])
  const attrs: SysfsAttributes = {}
  files.forEach((f, i) => {
    attrs[f] = values[i]
  })
  return rawLinkFromSysfs(name, attrs, entrySet, master)
}

/** Reads every interface's sysfs directory in parallel. */
export async function readSysfsLinks(sysfsRoot = '/sys'): Promise<RawLink[]> {
  const netDir = join(sysfsRoot, 'class', 'net')
  const names = await readdir(netDir)
  const links = await Promise.all(names.map((n) => readSysfsLink(netDir, n)))
  return links.filter((l): l is RawLink => l !== null)
}

/** Collects the raw data of the direct path ("collect raw → parse"). */
export async function collectHostData(deps: HostReadDeps = {}): Promise<RawHostData> {
  const sysfsRoot = deps.sysfsRoot ?? '/sys'
  const procRoot = deps.procRoot ?? '/proc'
  const execFile = deps.execFile ?? defaultExecFile
  const [links, ipJson, ifInet6, procNetDev] = await Promise.all([
    readSysfsLinks(sysfsRoot),
    execFile('ip', ['-j', '-d', 'addr', 'show']),
    readText(join(procRoot, 'net', 'if_inet6')),
    readFile(join(procRoot, 'net', 'dev'), 'utf8'),
  ])
  const { netlink, ipv4 } = parseIpAddrJson(ipJson)
  return { links, netlink, ipv4, ifInet6: ifInet6 ?? '', procNetDev }
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
