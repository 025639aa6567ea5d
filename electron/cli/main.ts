/**
 * `bridgeview` on the command line: the same services as the app, printed for a terminal.
 *
 *   bridgeview snapshot --json            the topology as JSON (shape: docs in README, "Snapshot JSON")
 *   bridgeview ifconfig [NAME]            host interfaces in ifconfig's own layout
 *   bridgeview veth                       veth, bridge, network, container, IPv4
 *   bridgeview export --format png|svg --out FILE [--network NAME] [--scale N] [--theme light|dark|transparent]
 *
 * Exit codes: 0 ok, 1 other failure, 2 bad usage, 3 engine unreachable.
 */
import { BridgeviewError } from '../shared/errors'
import type { Topology } from '../shared/types'
import { connectEngine } from '../services/engine/engine'
import { chooseHostReader } from '../services/host-select'
import { TopologyService } from '../services/topology/topology'
import { formatIfconfig } from '../services/host/ifconfig'
import { exportDiagram } from './export'

export const EXIT = { ok: 0, failure: 1, usage: 2, unreachable: 3 } as const

export const USAGE = `Usage: bridgeview [--host DOCKER_HOST] <command>

Commands:
  snapshot --json                 print the whole topology as JSON
  ifconfig [NAME]                 print host interfaces like ifconfig
  veth                            print which veth leads to which container
  export --format png|svg --out FILE [--network NAME] [--scale 1|2|3] [--theme light|dark|transparent]
                                  draw the network diagram to a file

The engine is DOCKER_HOST (or --host), else the platform's default socket.
Exit codes: 0 ok, 1 failure, 2 bad usage, 3 engine unreachable.
`

interface Io {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  env: Record<string, string | undefined>
}

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string
  positional: string[]
  flags: Map<string, string | true>
}

const VALUED = new Set(['host', 'format', 'out', 'network', 'scale', 'theme'])
const BOOLEAN = new Set(['json', 'help'])

export function parseArgs(argv: string[]): ParsedArgs {
  const flags = new Map<string, string | true>()
  const positional: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '-h') {
      flags.set('help', true)
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2)
      if (VALUED.has(name)) {
        const value = inline ?? argv[++i]
        if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`)
        flags.set(name, value)
      } else if (BOOLEAN.has(name) && inline === undefined) {
        flags.set(name, true)
      } else {
        throw new UsageError(`unknown option --${name}`)
      }
    } else {
      positional.push(arg)
    }
  }
  const [command = '', ...rest] = positional
  return { command, positional: rest, flags }
}

async function loadTopology(host: string | undefined, env: Io['env']): Promise<Topology> {
  const engine = await connectEngine({ host, env })
  const info = await engine.info()
  const topology = new TopologyService(engine, await chooseHostReader(engine, info))
  return topology.snapshot()
}

/** The `bridgeview veth` table: one row per host veth. */
export function formatVethTable(topology: Topology): string {
  const networks = new Map(topology.networks.map((n) => [n.id, n]))
  const containers = new Map(topology.containers.map((c) => [c.id, c]))
  const rows = topology.interfaces
    .filter((i) => i.kind === 'veth')
    .map((i) => {
      const container = i.container ? containers.get(i.container) : undefined
      const network = i.network ? networks.get(i.network) : undefined
      const endpoint = container?.endpoints.find((e) => e.hostVeth === i.name)
      return [
        i.name,
        i.master ?? '-',
        network?.name ?? '-',
        container ? `${container.name} (${container.id.slice(0, 12)})` : 'unknown',
        endpoint?.ipv4 ? `${endpoint.ipv4}/${endpoint.prefixLen}` : '-',
      ]
    })
  const header = ['VETH', 'BRIDGE', 'NETWORK', 'CONTAINER', 'IPV4']
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)))
  const line = (cells: string[]): string => cells.map((c, col) => (col === cells.length - 1 ? c : c.padEnd(widths[col]))).join('   ')
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}

export async function main(argv: string[], io: Io): Promise<number> {
  let args: ParsedArgs
  try {
    args = parseArgs(argv)
  } catch (error) {
    io.stderr.write(`bridgeview: ${(error as Error).message}\n\n${USAGE}`)
    return EXIT.usage
  }
  if (args.flags.has('help') || args.command === 'help') {
    io.stdout.write(USAGE)
    return EXIT.ok
  }
  const host = args.flags.get('host') as string | undefined
  try {
    switch (args.command) {
      case 'snapshot': {
        if (!args.flags.has('json')) throw new UsageError('snapshot prints JSON: use `bridgeview snapshot --json`')
        if (args.positional.length > 0) throw new UsageError(`snapshot takes no arguments, got "${args.positional[0]}"`)
        const topology = await loadTopology(host, io.env)
        io.stdout.write(JSON.stringify({ schema: 'bridgeview.snapshot/1', ...topology }, null, 2) + '\n')
        return EXIT.ok
      }
      case 'ifconfig': {
        if (args.positional.length > 1) throw new UsageError('ifconfig takes at most one interface name')
        const topology = await loadTopology(host, io.env)
        const name = args.positional[0]
        if (name && !topology.interfaces.some((i) => i.name === name)) {
          io.stderr.write(`bridgeview: ${name}: no such interface on the engine's host\n`)
          return EXIT.failure
        }
        io.stdout.write(formatIfconfig(topology.interfaces, name))
        return EXIT.ok
      }
      case 'veth': {
        if (args.positional.length > 0) throw new UsageError('veth takes no arguments')
        io.stdout.write(formatVethTable(await loadTopology(host, io.env)))
        return EXIT.ok
      }
      case 'export': {
        const options = exportOptions(args)
        const topology = await loadTopology(host, io.env)
        const saved = await exportDiagram(topology, options)
        io.stdout.write(`wrote ${saved.path} (${saved.width}x${saved.height}, ${saved.bytes} bytes)\n`)
        return EXIT.ok
      }
      case '':
        throw new UsageError('no command given')
      default:
        throw new UsageError(`unknown command "${args.command}"`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`bridgeview: ${error.message}\n\n${USAGE}`)
      return EXIT.usage
    }
    const bv = error instanceof BridgeviewError ? error : new BridgeviewError('INTERNAL', (error as Error)?.message ?? String(error))
    io.stderr.write(`bridgeview: ${bv.message}\n`)
    if (bv.code === 'INVALID_ARGUMENT') return EXIT.usage
    if (bv.code === 'ENGINE_UNREACHABLE' || bv.code === 'PERMISSION_DENIED' || bv.code === 'TIMEOUT') return EXIT.unreachable
    return EXIT.failure
  }
}

export interface ExportOptions {
  format: 'png' | 'svg'
  out: string
  network: string | null
  scale: 1 | 2 | 3
  theme: 'light' | 'dark' | 'transparent'
}

export function exportOptions(args: ParsedArgs): ExportOptions {
  const format = args.flags.get('format')
  if (format !== 'png' && format !== 'svg') throw new UsageError('export needs --format png or --format svg')
  const out = args.flags.get('out')
  if (typeof out !== 'string') throw new UsageError('export needs --out FILE')
  const scaleText = (args.flags.get('scale') as string | undefined) ?? '1'
  if (!['1', '2', '3'].includes(scaleText)) throw new UsageError(`--scale must be 1, 2 or 3, got "${scaleText}"`)
  const theme = (args.flags.get('theme') as string | undefined) ?? 'light'
  if (theme !== 'light' && theme !== 'dark' && theme !== 'transparent') throw new UsageError(`--theme must be light, dark or transparent, got "${theme}"`)
  const network = (args.flags.get('network') as string | undefined) ?? null
  return { format, out, network, scale: Number(scaleText) as 1 | 2 | 3, theme }
}
