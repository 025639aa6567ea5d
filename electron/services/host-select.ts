/**
 * How the engine host's interfaces are read: directly from this kernel when the engine's
 * bridges are here, otherwise (Docker Desktop's VM, rootless, a remote engine) through a
 * short-lived helper container on the engine's own host.
 */
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import type { EngineInfo, HostInterface } from '../shared/types'
import type { EngineService } from './engine/engine'
import { readCounters, readHostInterfaces, type HostReadDeps } from './host/interfaces'
import { ADDR_QUERY, IpBatch, IpMonitor } from './host/ip-batch'
import { readInterfacesViaHelper } from './host/helper'
import { probeNamespaceSync, probeNamespaces, readHostNetnsInodes, resolveVethMap, type NamespaceProbe, type VethMap } from './host/veth-map'
import type { VethOwner } from './topology/compose'
import { withCounters, type HostReader, type HostReading, type RunningContainer } from './topology/host-reader'

function owners(map: VethMap): Map<string, VethOwner> {
  return new Map(
    [...map.owners].map(([veth, o]) => [veth, { containerId: o.containerId, containerIfIndex: o.containerIfIndex, containerIfName: o.containerIfName }]),
  )
}

function note(map: VethMap): string | null {
  if (map.unresolved.length === 0) return null
  return map.unresolved.map((u) => `${u.veth}: ${u.reason} (${u.detail})`).join('; ')
}

export function directHostReader(given: HostReadDeps = {}): HostReader {
  const procRoot = given.procRoot ?? '/proc'
  let batch: IpBatch | null = null
  const resident = !given.execFile && !given.ipAddrJson
  const deps: HostReadDeps = resident ? { ...given, ipAddrJson: () => (batch ??= new IpBatch()).query(ADDR_QUERY) } : given
  const monitor = resident ? new IpMonitor() : null
  let last: { interfaces: HostInterface[]; generation: number } | null = null

  /**
   * The interfaces, re-read only when the kernel announced a change since the last
   * reading; counters (which the kernel does not announce) are always read fresh.
   */
  async function currentInterfaces(): Promise<HostInterface[]> {
    monitor?.start()
    if (monitor?.watching && last && last.generation === monitor.generation) {
      return withCounters(last.interfaces, await readCounters(deps))
    }
    // Taken before reading: a change announced while reading makes the next call read again.
    const generation = monitor?.generation ?? -1
    const trusted = monitor?.watching === true
    const interfaces = await readHostInterfaces(deps)
    last = trusted ? { interfaces, generation } : null
    return interfaces
  }
  /** Namespace probes made while the engine was still answering, for the next read only. */
  const prepared = new Map<number, NamespaceProbe>()
  /**
   * Probes of the last read, reusable while the kernel announced no link or address change
   * on the host: a container's veth can only change by a host-side link event (a veth is
   * created, deleted or moved), and a restarted container has a new pid.
   */
  let probeCache = new Map<number, NamespaceProbe>()
  let probeGeneration = -1
  const cachedProbe = (pid: number): NamespaceProbe | undefined =>
    monitor?.watching && probeGeneration === monitor.generation ? probeCache.get(pid) : undefined

  return {
    prepare(container) {
      if (container.networkModeRaw === 'host' || prepared.has(container.pid) || cachedProbe(container.pid)) return
      prepared.set(container.pid, probeNamespaceSync(container.pid, procRoot))
    },
    async read(running: RunningContainer[]): Promise<HostReading> {
      monitor?.start()
      const generation = monitor?.generation ?? -1
      const ready = new Map(prepared)
      prepared.clear()
      const interfacesP = currentInterfaces()
      const needed = running.filter((c) => c.pid > 0 && c.networkModeRaw !== 'host')
      const known = (pid: number): NamespaceProbe | undefined => ready.get(pid) ?? cachedProbe(pid)
      const missing = needed.filter((c) => !known(c.pid)).map((c) => c.pid)
      const [interfaces, more, hostNetnsInodes] = await Promise.all([interfacesP, probeNamespaces(missing, procRoot), readHostNetnsInodes(procRoot)])
      const fresh = new Map(more.map((p) => [p.pid, p]))
      const probes = needed.map((c) => known(c.pid) ?? fresh.get(c.pid)).filter((p): p is NamespaceProbe => p !== undefined)
      if (monitor?.watching && monitor.generation === generation) {
        probeCache = new Map(probes.map((p) => [p.pid, p]))
        probeGeneration = generation
      }
      const map = resolveVethMap({ containers: running, probes, hostNetnsInodes, interfaces })
      return { interfaces, source: 'host', note: note(map), vethOwners: owners(map) }
    },
    counters: () => readCounters(deps),
    cheapCounters: true,
  }
}

export function helperHostReader(engine: EngineService, labels: Record<string, string> = {}): HostReader {
  return {
    async read(running: RunningContainer[]): Promise<HostReading> {
      const reading = await readInterfacesViaHelper(engine.docker, { pids: running.map((c) => c.pid), labels })
      const map = resolveVethMap({ containers: running, probes: reading.probes, hostNetnsInodes: reading.hostNetnsInodes, interfaces: reading.interfaces })
      return { interfaces: reading.interfaces, source: 'helper-container', note: note(map), vethOwners: owners(map) }
    },
    async counters() {
      const reading = await readInterfacesViaHelper(engine.docker, { labels })
      return reading.interfaces.map((i) => ({ name: i.name, rx: i.rx, tx: i.tx }))
    },
    cheapCounters: false,
  }
}

/** Whether the engine's default bridge is an interface of this machine's kernel. */
async function bridgesAreLocal(engine: EngineService, sysfsRoot = '/sys'): Promise<boolean> {
  const networks = await engine.rawNetworkList()
  const bridge = networks.find((n) => n.Driver === 'bridge' && n.Name === 'bridge') ?? networks.find((n) => n.Driver === 'bridge')
  if (!bridge) return true
  const name: string = bridge.Options?.['com.docker.network.bridge.name'] ?? (bridge.Name === 'bridge' ? 'docker0' : `br-${String(bridge.Id).slice(0, 12)}`)
  return access(join(sysfsRoot, 'class', 'net', name)).then(
    () => true,
    () => false,
  )
}

/**
 * Picks the reader. `BRIDGEVIEW_HOST_READER=direct|helper` forces one (the tests use it to
 * prove both paths on Linux).
 */
export async function chooseHostReader(engine: EngineService, info: EngineInfo): Promise<HostReader> {
  const forced = process.env.BRIDGEVIEW_HOST_READER
  if (forced === 'helper') return helperHostReader(engine)
  if (forced === 'direct') return directHostReader()
  if (process.platform === 'linux' && info.os === 'linux' && info.kind !== 'docker-desktop' && (await bridgesAreLocal(engine))) {
    return directHostReader()
  }
  return helperHostReader(engine)
}
