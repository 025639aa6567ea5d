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
  read(running: RunningContainer[]): Promise<HostReading>
  counters(): Promise<InterfaceCounters[]>
}

/** For engines whose host cannot be read at all: the rest of the topology still works. */
export function unavailableHostReader(note: string): HostReader {
  return {
    read: async () => ({ interfaces: [], source: 'unavailable', note, vethOwners: new Map() }),
    counters: async () => [],
  }
}
