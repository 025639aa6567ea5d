/**
 * Bridgeview's services composed once, hosted by the Electron main process, the browser
 * harness and the CLI alike. Each caller (a window, a harness connection) gets its own
 * handler set so per-caller state (who watches counters) is released when it goes.
 */
import { BridgeviewError } from '../shared/errors'
import type { AppInfo, Events } from '../shared/contract'
import type { Handlers } from '../shared/rpc'
import type { EngineInfo, ExportRequest, SavedFile } from '../shared/types'
import { EngineConnector, type ConnectOptions, type EngineService } from './engine/engine'
import { CountersPoller } from './topology/counters'
import type { HostReader } from './topology/host-reader'
import { TopologyService } from './topology/topology'

export interface AppServicesOptions {
  connect?: ConnectOptions
  shell: AppInfo['shell']
  version: string
  /** Sends an event to every caller. */
  emit: <E extends keyof Events>(channel: E, payload: Events[E]) => void
  /** Picks how the engine host's interfaces are read. */
  hostReaderFor: (engine: EngineService, info: EngineInfo) => Promise<HostReader>
  /** Writes an export where the user wants it (a save dialog in Electron, a folder in the harness). */
  saveExport: (request: ExportRequest) => Promise<SavedFile>
  debounceMs?: number
}

interface Live {
  engine: EngineService
  topology: TopologyService
  poller: CountersPoller
}

export class AppServices {
  readonly connector: EngineConnector
  private live: Promise<Live> | null = null
  private liveEngine: EngineService | null = null
  private readonly watching = new Map<string, boolean>()

  constructor(private readonly options: AppServicesOptions) {
    this.connector = new EngineConnector(options.connect)
  }

  /** The topology service of the current engine, created on first use and again after the engine changed. */
  private async current(): Promise<Live> {
    const engine = await this.connector.engine()
    if (!this.live || this.liveEngine !== engine) {
      this.dispose()
      this.liveEngine = engine
      this.live = this.startLive(engine)
      this.live.catch(() => {
        this.live = null
        this.liveEngine = null
      })
    }
    return this.live
  }

  private async startLive(engine: EngineService): Promise<Live> {
    const info = await engine.info()
    const host = await this.options.hostReaderFor(engine, info)
    const topology = new TopologyService(engine, host, {
      debounceMs: this.options.debounceMs,
      onChange: (change) => this.options.emit('topology:changed', change),
      onConnection: (connected, error) => {
        const e = error instanceof BridgeviewError ? error : null
        this.options.emit('engine:connection', {
          connected,
          code: connected ? null : (e?.code ?? 'ENGINE_UNREACHABLE'),
          message: connected ? null : error instanceof Error ? error.message : error ? String(error) : null,
        })
      },
    })
    topology.start()
    const poller = new CountersPoller(() => host.counters(), (sample) => this.options.emit('interfaces:counters', sample))
    for (const [caller, on] of this.watching) if (on) poller.watch(caller, true)
    return { engine, topology, poller }
  }

  private async withLive<T>(fn: (live: Live) => Promise<T>): Promise<T> {
    const live = await this.current()
    try {
      return await fn(live)
    } catch (error) {
      if (error instanceof BridgeviewError && (error.code === 'ENGINE_UNREACHABLE' || error.code === 'PERMISSION_DENIED')) {
        this.connector.reset()
      }
      throw error
    }
  }

  /** The contract's handlers for one caller. */
  handlersFor(caller: string): Handlers {
    return {
      'app:info': () => ({ version: this.options.version, platform: process.platform, shell: this.options.shell }),
      'engine:info': () => this.connector.with((engine) => engine.info()),
      'networks:list': () => this.connector.with((engine) => engine.listNetworks()),
      'networks:inspect': (ref) => this.connector.with((engine) => engine.inspectNetwork(ref)),
      'topology:snapshot': () => this.withLive((live) => live.topology.snapshot()),
      'interfaces:list': () => this.withLive(async (live) => (await live.topology.snapshot()).interfaces),
      'interfaces:watch': async (watching) => {
        this.watching.set(caller, watching)
        const live = await this.current()
        live.poller.watch(caller, watching)
      },
      'containers:env': (ref) => this.connector.with((engine) => engine.containerEnv(ref)),
      'export:save': (request) => this.options.saveExport(request),
    }
  }

  /** A caller went away (window closed, socket dropped). */
  release(caller: string): void {
    this.watching.delete(caller)
    void this.live?.then((live) => live.poller.watch(caller, false)).catch(() => undefined)
  }

  dispose(): void {
    const live = this.live
    this.live = null
    this.liveEngine = null
    void live?.then((l) => {
      l.topology.stop()
      l.poller.stop()
    }).catch(() => undefined)
  }
}
