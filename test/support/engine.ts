/**
 * The test run's engine: DOCKER_HOST when the caller set it, else the private engine that
 * test/engine/up.sh started. Everything a test creates carries the run's label and is
 * removed by `cleanup()`, also when the test failed.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import Docker from 'dockerode'
import { candidateFromHost } from '../../electron/services/engine/discovery'

export const execFileAsync = promisify(execFile)

const ENGINE_DIR = process.env.BRIDGEVIEW_ENGINE_DIR ?? '/var/tmp/bridgeview-engine'

export function testDockerHost(): string {
  if (process.env.DOCKER_HOST) return process.env.DOCKER_HOST
  try {
    const env = readFileSync(`${ENGINE_DIR}/env`, 'utf8')
    const match = /DOCKER_HOST=(\S+)/.exec(env)
    if (match) return match[1]
  } catch {
    // fall through to the error below
  }
  throw new Error('No test engine: set DOCKER_HOST or run `bash test/engine/up.sh` first (npm test does).')
}

export const LABEL = 'bridgeview.test'

export interface TestEngine {
  host: string
  docker: Docker
  runId: string
  labels: Record<string, string>
  /** `docker` CLI against the test engine, argument array only. */
  cli(args: string[]): Promise<string>
  /** Creates a labelled bridge network. */
  network(name: string, options?: Partial<Docker.NetworkCreateOptions>): Promise<Docker.Network>
  /** Creates and starts a labelled container (busybox sleeping unless told otherwise). */
  container(name: string, options?: Partial<Docker.ContainerCreateOptions>): Promise<Docker.Container>
  cleanup(): Promise<void>
}

export function testEngine(prefix = 'bvtest'): TestEngine {
  const host = testDockerHost()
  const docker = new Docker(candidateFromHost(host).options)
  const runId = `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
  const labels = { [LABEL]: runId }
  return {
    host,
    docker,
    runId,
    labels,
    async cli(args) {
      const { stdout } = await execFileAsync('docker', ['-H', host, ...args], { maxBuffer: 64 * 1024 * 1024 })
      return stdout
    },
    async network(name, options = {}) {
      return docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, ...options, Labels: { ...labels, ...(options.Labels ?? {}) } })
    },
    async container(name, options = {}) {
      const container = await docker.createContainer({
        name,
        Image: 'busybox:latest',
        Cmd: ['sleep', '3600'],
        StopTimeout: 1,
        ...options,
        Labels: { ...labels, ...(options.Labels ?? {}) },
      })
      await container.start()
      return container
    },
    async cleanup() {
      const filters = { label: [`${LABEL}=${runId}`] }
      const containers = await docker.listContainers({ all: true, filters })
      // Containers that share another's namespace go first, so their owner can be removed.
      containers.sort((a, b) => Number(b.HostConfig?.NetworkMode?.startsWith('container:')) - Number(a.HostConfig?.NetworkMode?.startsWith('container:')))
      for (const c of containers) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)
      const networks = await docker.listNetworks({ filters })
      for (const n of networks) await docker.getNetwork(n.Id).remove().catch(() => undefined)
    },
  }
}

/** Makes sure an image is present on the test engine, pulling it through the engine's mirror if not. */
export async function ensureImage(docker: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect()
    return
  } catch {
    // not present: pull below
  }
  const stream = await docker.pull(image)
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())))
}

/** The host veth that leads to each of a container's interfaces, and its bridge, as the kernel says. */
export interface VethTruth {
  veth: string
  bridge: string
  network: string
}

/**
 * Ground truth without Bridgeview: inside the container, each ethN's `iflink` is the
 * index of its peer on the host; `ip -j link` names that peer and its master. The
 * network is the one whose MAC address the engine reports for that ethN.
 */
export async function vethsOf(t: TestEngine, container: string): Promise<VethTruth[]> {
  const inspect = JSON.parse(await t.cli(['inspect', container]))[0]
  const networksByMac = new Map<string, string>(
    Object.entries(inspect.NetworkSettings.Networks as Record<string, { MacAddress: string }>).map(([name, n]) => [n.MacAddress, name]),
  )
  const listing = await t.cli(['exec', container, 'sh', '-c', 'for i in /sys/class/net/eth*; do echo "$(cat $i/iflink) $(cat $i/address)"; done'])
  const links = JSON.parse((await execFileAsync('ip', ['-j', 'link'])).stdout) as Array<{ ifindex: number; ifname: string; master?: string }>
  return listing
    .trim()
    .split('\n')
    .map((line) => {
      const [iflink, mac] = line.trim().split(' ')
      const peer = links.find((l) => l.ifindex === Number(iflink))
      if (!peer) throw new Error(`no host interface with index ${iflink} for ${container}`)
      return { veth: peer.ifname, bridge: peer.master ?? '', network: networksByMac.get(mac) ?? '' }
    })
}
