/**
 * Where is the engine? DOCKER_HOST (or --host) wins and is the only thing tried; otherwise
 * the platform's usual sockets, in the order Docker's own CLI and Podman Desktop look.
 */
import { access, constants, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type Docker from 'dockerode'
import { BridgeviewError } from '../../shared/errors'

export interface EngineCandidate {
  /** As a user would write it in DOCKER_HOST. */
  endpoint: string
  options: Docker.DockerOptions
  /** Whether this candidate came from DOCKER_HOST/--host (then nothing else is tried). */
  explicit: boolean
  /** The socket or pipe path for local candidates, so discovery can check it exists. */
  localPath: string | null
}

export interface DiscoveryInput {
  host?: string | undefined
  env?: Record<string, string | undefined>
  platform?: NodeJS.Platform
  home?: string
}

/** Turns a DOCKER_HOST value into dockerode options; throws INVALID_ARGUMENT for what it cannot use. */
export function candidateFromHost(host: string, explicit = true): EngineCandidate {
  const trimmed = host.trim()
  const unix = /^unix:\/\/(\/.+)$/.exec(trimmed)
  if (unix) return { endpoint: trimmed, options: { socketPath: unix[1] }, explicit, localPath: unix[1] }
  const npipe = /^npipe:\/\/(.+)$/.exec(trimmed)
  if (npipe) {
    const pipe = npipe[1].replace(/\//g, '\\')
    return { endpoint: trimmed, options: { socketPath: pipe }, explicit, localPath: null }
  }
  const url = /^(tcp|http|https|ssh):\/\/([^/:]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(trimmed)
  if (url) {
    const [, scheme, hostname, port] = url
    const protocol = scheme === 'tcp' ? 'http' : (scheme as 'http' | 'https' | 'ssh')
    const defaultPort = scheme === 'ssh' ? '22' : scheme === 'https' ? '2376' : '2375'
    return {
      endpoint: trimmed,
      options: { protocol, host: hostname.replace(/^\[|\]$/g, ''), port: Number(port ?? defaultPort) },
      explicit,
      localPath: null,
    }
  }
  throw new BridgeviewError(
    'INVALID_ARGUMENT',
    `Cannot use engine address "${host}": expected unix:///path, npipe:////./pipe/name, tcp://host:port or ssh://user@host`,
    { host },
  )
}

/** The candidates to try, most specific first. */
export function engineCandidates(input: DiscoveryInput = {}): EngineCandidate[] {
  const env = input.env ?? process.env
  const explicit = input.host ?? env.DOCKER_HOST
  if (explicit !== undefined && explicit !== '') return [candidateFromHost(explicit)]
  const platform = input.platform ?? process.platform
  const home = input.home ?? homedir()
  if (platform === 'win32') {
    return ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/podman-machine-default'].map((h) => candidateFromHost(h, false))
  }
  const paths: string[] = ['/var/run/docker.sock']
  if (env.XDG_RUNTIME_DIR) paths.push(join(env.XDG_RUNTIME_DIR, 'docker.sock'))
  paths.push(join(home, '.docker', 'run', 'docker.sock'), join(home, '.docker', 'desktop', 'docker.sock'))
  if (env.XDG_RUNTIME_DIR) paths.push(join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'))
  paths.push('/run/podman/podman.sock')
  if (platform === 'darwin') paths.push(join(home, '.colima', 'default', 'docker.sock'))
  return [...new Set(paths)].map((p) => candidateFromHost(`unix://${p}`, false))
}

export type LocalState = 'absent' | 'accessible' | 'denied'

export async function localSocketState(path: string): Promise<LocalState> {
  try {
    await stat(path)
  } catch {
    return 'absent'
  }
  try {
    await access(path, constants.R_OK | constants.W_OK)
    return 'accessible'
  } catch {
    return 'denied'
  }
}

/**
 * Picks the candidate to connect to without talking to it yet: the explicit one, or the
 * first local socket that exists. Throws PERMISSION_DENIED when the only sockets found
 * cannot be opened, ENGINE_UNREACHABLE (listing what was tried) when none exist.
 */
export async function chooseCandidate(
  candidates: EngineCandidate[],
  probe: (path: string) => Promise<LocalState> = localSocketState,
): Promise<EngineCandidate> {
  const tried: string[] = []
  let denied: EngineCandidate | null = null
  for (const candidate of candidates) {
    tried.push(candidate.endpoint)
    if (candidate.explicit || candidate.localPath === null) return candidate
    const state = await probe(candidate.localPath)
    if (state === 'accessible') return candidate
    if (state === 'denied' && denied === null) denied = candidate
  }
  if (denied) throw permissionDenied(denied.endpoint)
  throw new BridgeviewError('ENGINE_UNREACHABLE', `No Docker engine found. Tried: ${tried.join(', ')}`, { tried })
}

export function permissionDenied(endpoint: string): BridgeviewError {
  return new BridgeviewError(
    'PERMISSION_DENIED',
    `The Docker socket ${endpoint} exists but this user may not open it. ` +
      'On Linux add yourself to the docker group (sudo usermod -aG docker $USER), then log out and in again; ' +
      'or point DOCKER_HOST at a socket you may use.',
    { tried: [endpoint] },
  )
}
