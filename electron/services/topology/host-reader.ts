import type { HostInterface, InterfacesSource, RxCounters, TxCounters } from '../../shared/types'
import type { VethOwner } from './compose'

/** A running container as the veth map needs it. */
export interface RunningContainer {
  id: string
  pid: number
  networkModeRaw: string
}

export interface HostReading {
  interfaces: HostInterface[]
  source: InterfacesSource
  note: string | null
  vethOwners: Map<string, VethOwner>
}

export interface InterfaceCounters {
  name: string
  rx: RxCounters
  tx: TxCounters
}

/**
 * Reads the engine host's interfaces: directly from this machine's kernel when the engine
 * runs here, or through a short-lived helper container when the engine's host is a VM.
 */
export interface HostReader {
  /** Reads the interfaces and proves which veth leads to which running container. */
  read(running: RunningContainer[]): Promise<HostReading>
  /**
   * Starts reading a running container's namespace as soon as its pid is known, so the
   * veth map is ready when the last inspect returns. The next `read` uses it.
   */
  prepare?(container: RunningContainer): void
  counters(): Promise<InterfaceCounters[]>
  /** Whether counters() is cheap enough to run on every snapshot (a file read, not a helper container). */
  readonly cheapCounters: boolean
}

/** For engines whose host cannot be read at all: the rest of the topology still works. */
export function unavailableHostReader(note: string): HostReader {
  return {
    read: async () => ({ interfaces: [], source: 'unavailable', note, vethOwners: new Map() }),
    counters: async () => [],
    cheapCounters: true,
  }
}

/** An interface reading with its counters replaced by a fresher reading of them. */
export function withCounters(interfaces: HostInterface[], counters: InterfaceCounters[]): HostInterface[] {
  const byName = new Map(counters.map((c) => [c.name, c]))
  return interfaces.map((i) => {
    const c = byName.get(i.name)
    return c ? { ...i, rx: c.rx, tx: c.tx } : i
  })
}
