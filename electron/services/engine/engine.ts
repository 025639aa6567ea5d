/**
 * The engine service: one place that talks to the Docker engine through dockerode, turns
 * its failures into Bridgeview error codes and bounds every call in time.
 */
import Docker from 'dockerode'
import { BridgeviewError } from '../../shared/errors'
import type { EngineInfo, Network } from '../../shared/types'
import { chooseCandidate, engineCandidates, permissionDenied, type DiscoveryInput, type EngineCandidate } from './discovery'
import { mapEngineInfo, mapNetwork } from './mappers'

type Json = Record<string, any>

export const DEFAULT_TIMEOUT_MS = 15_000

/** Maps a dockerode/socket failure to a Bridgeview error that says what was tried. */
export function engineError(error: unknown, endpoint: string): BridgeviewError {
  if (error instanceof BridgeviewError) return error
  const e = error as { code?: string; statusCode?: number; message?: string; json?: { message?: string } }
  const code = e?.code
  if (code === 'EACCES' || code === 'EPERM') return permissionDenied(endpoint)
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new BridgeviewError('ENGINE_UNREACHABLE', `The Docker engine at ${endpoint} does not answer (${code}). Tried: ${endpoint}`, {
      tried: [endpoint],
      cause: code,
    })
  }
  const message = e?.json?.message ?? e?.message ?? String(error)
  if (e?.statusCode === 404) return new BridgeviewError('NOT_FOUND', message, { statusCode: 404 })
  if (e?.statusCode === 409) return new BridgeviewError('NAME_TAKEN', message, { statusCode: 409 })
  if (typeof e?.statusCode === 'number') return new BridgeviewError('ENGINE_ERROR', message, { statusCode: e.statusCode })
  return new BridgeviewError('ENGINE_ERROR', message)
}

export class EngineService {
  constructor(
    /** For request/response calls. */
    readonly docker: Docker,
    /** Where the engine was reached, as a DOCKER_HOST value. */
    readonly endpoint: string,
    readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
    /** For long-lived streams (events); defaults to `docker`. */
    readonly streamDocker: Docker = docker,
  ) {}

  /** Runs one engine call with the service's timeout and error mapping. */
  async call<T>(what: string, fn: (docker: Docker) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new BridgeviewError('TIMEOUT', `The Docker engine at ${this.endpoint} did not answer "${what}" within ${timeoutMs / 1000} s`, {
              tried: [this.endpoint],
              operation: what,
            }),
          ),
        timeoutMs,
      )
    })
    try {
      return await Promise.race([fn(this.docker), timeout])
    } catch (error) {
      throw engineError(error, this.endpoint)
    } finally {
      clearTimeout(timer)
    }
  }

  async ping(): Promise<void> {
    await this.call('ping', (d) => d.ping())
  }

  private cachedInfo: Promise<EngineInfo> | null = null

  /**
   * Version, OS, host name and kind. They only change when the engine restarts, so the
   * answer is kept until `fresh` is asked for (after a reconnect).
   */
  info(fresh = false): Promise<EngineInfo> {
    if (fresh || !this.cachedInfo) {
      const pending = Promise.all([
        this.call('info', (d) => d.info() as Promise<Json>),
        this.call('version', (d) => d.version() as Promise<Json>),
      ]).then(([info, version]) => mapEngineInfo(info, version, this.endpoint, process.platform))
      pending.catch(() => {
        if (this.cachedInfo === pending) this.cachedInfo = null
      })
      this.cachedInfo = pending
    }
    return this.cachedInfo
  }

  async rawNetworkList(): Promise<Json[]> {
    return this.call('network ls', (d) => d.listNetworks() as Promise<Json[]>)
  }

  async rawNetworkInspect(ref: string): Promise<Json> {
    return this.call(`network inspect ${ref}`, (d) => d.getNetwork(ref).inspect() as Promise<Json>)
  }

  /** Every network with its members, as `docker network ls` + `docker network inspect` would show. */
  async listNetworks(): Promise<Network[]> {
    const list = await this.rawNetworkList()
    const inspected = await Promise.all(
      list.map((n) =>
        this.rawNetworkInspect(n.Id).catch((error: unknown) => {
          // A network removed between list and inspect is simply gone.
          if (error instanceof BridgeviewError && error.code === 'NOT_FOUND') return null
          throw error
        }),
      ),
    )
    return inspected.filter((n): n is Json => n !== null).map(mapNetwork).sort(byName)
  }

  async inspectNetwork(ref: string): Promise<{ network: Network; raw: Json }> {
    const raw = await this.rawNetworkInspect(ref)
    return { network: mapNetwork(raw), raw }
  }

  async rawContainerList(): Promise<Json[]> {
    return this.call('ps -a', (d) => d.listContainers({ all: true }) as Promise<Json[]>)
  }

  async rawContainerInspect(ref: string): Promise<Json> {
    return this.call(`inspect ${ref}`, (d) => d.getContainer(ref).inspect() as Promise<Json>)
  }

  /** The container's environment, only on explicit request: it often holds passwords. */
  async containerEnv(ref: string): Promise<string[]> {
    const raw = await this.rawContainerInspect(ref)
    return ((raw.Config?.Env ?? []) as string[]).slice()
  }
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name)

export interface ConnectOptions extends DiscoveryInput {
  timeoutMs?: number
}

export function dockerFor(candidate: EngineCandidate): Docker {
  return new Docker(candidate.options)
}

/**
 * Finds the engine and checks it answers. Throws ENGINE_UNREACHABLE / PERMISSION_DENIED /
 * TIMEOUT saying what was tried.
 */
export async function connectEngine(options: ConnectOptions = {}): Promise<EngineService> {
  const candidate = await chooseCandidate(engineCandidates(options))
  const service = new EngineService(dockerFor(candidate), candidate.endpoint, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, dockerFor(candidate))
  await service.ping()
  return service
}

/**
 * Holds the current engine connection for a long-running host (main, harness): connects
 * lazily, and after an unreachable error tries discovery again on the next call, so Retry works.
 */
export class EngineConnector {
  private current: Promise<EngineService> | null = null

  constructor(private readonly options: ConnectOptions = {}) {}

  engine(): Promise<EngineService> {
    if (!this.current) {
      this.current = connectEngine(this.options)
      this.current.catch(() => {
        this.current = null
      })
    }
    return this.current
  }

  /** Use after a call failed with ENGINE_UNREACHABLE so the next call discovers again. */
  reset(): void {
    this.current = null
  }

  /** Runs fn with the engine; on loss of the engine, forgets it so the next call rediscovers. */
  async with<T>(fn: (engine: EngineService) => Promise<T>): Promise<T> {
    const engine = await this.engine()
    try {
      return await fn(engine)
    } catch (error) {
      if (error instanceof BridgeviewError && (error.code === 'ENGINE_UNREACHABLE' || error.code === 'PERMISSION_DENIED')) this.reset()
      throw error
    }
  }
}
