/**
 * `window.bridgeview` for the diagram benchmark's page (bundled by bench/diagram.ts and
 * injected before the app runs): the real app, built, answering from a synthetic topology
 * the benchmark loads, so the page can be timed from the moment it receives the topology.
 * Snapshots are held until `bvBench.release()`, then answered at once.
 */
import type { EventChannel, InvokeChannel } from '../electron/shared/contract'
import { BridgeviewError, type Envelope } from '../electron/shared/errors'
import { createApi } from '../electron/shared/rpc'
import type { EngineInfo, Topology } from '../electron/shared/types'

interface BenchWindow {
  bridgeview?: unknown
  bvBench?: BenchControl
  /** Exposed by the benchmark (page.exposeFunction): validates and writes an export. */
  bvBenchSave?: (request: unknown) => Promise<unknown>
}

export interface BenchControl {
  /** Fetches a topology (JSON) the next snapshots will answer with. */
  load(url: string): Promise<number>
  /** Answers the held snapshot calls now; returns performance.now() at that moment. */
  release(): number
  /** Holds snapshot calls again until the next release. */
  hold(): void
  emit(channel: EventChannel, payload: unknown): void
}

const bench = window as unknown as BenchWindow
const listeners = new Map<string, Set<(payload: unknown) => void>>()
let topology: Topology | null = null
let released = false
let held: Array<() => void> = []

const engine: EngineInfo = {
  version: '27.0.0-bench',
  apiVersion: '1.44',
  os: 'linux',
  operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.1.0',
  arch: 'x86_64',
  hostName: 'bench',
  kind: 'native-linux',
  endpoint: 'unix:///var/run/docker.sock',
}

async function snapshot(): Promise<Topology> {
  if (!released || !topology) await new Promise<void>((resolve) => held.push(resolve))
  return topology!
}

const handlers: Partial<Record<InvokeChannel, (...args: unknown[]) => unknown>> = {
  'app:info': () => ({ version: '0.0.0-bench', platform: 'linux', shell: 'harness' }),
  'engine:info': () => engine,
  'topology:snapshot': snapshot,
  'networks:list': async () => (await snapshot()).networks,
  'interfaces:list': async () => (await snapshot()).interfaces,
  'interfaces:watch': () => undefined,
  'export:save': (request) => {
    if (!bench.bvBenchSave) throw new BridgeviewError('INTERNAL', 'the benchmark did not expose bvBenchSave')
    return bench.bvBenchSave(request)
  },
}

bench.bridgeview = createApi({
  async invoke(channel, args): Promise<Envelope<unknown>> {
    const handler = handlers[channel]
    if (!handler) return { ok: false, error: new BridgeviewError('UNKNOWN_CHANNEL', `the bench page does not answer ${channel}`).toData() }
    try {
      return { ok: true, value: await handler(...args) }
    } catch (error) {
      return { ok: false, error: BridgeviewError.revive(error).toData() }
    }
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set()
    listeners.set(channel, set)
    set.add(listener)
    return () => set.delete(listener)
  },
})

bench.bvBench = {
  async load(url) {
    topology = (await (await fetch(url)).json()) as Topology
    return topology.containers.length
  },
  release() {
    released = true
    const waiting = held
    held = []
    const at = performance.now()
    for (const resolve of waiting) resolve()
    return at
  },
  hold() {
    released = false
  },
  emit(channel, payload) {
    for (const listener of listeners.get(channel) ?? []) listener(payload)
  },
}
