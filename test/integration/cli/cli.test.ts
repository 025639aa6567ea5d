import { execFile } from 'node:child_process'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileAsync, testEngine, type TestEngine } from '../../support/engine'

const BIN = join(__dirname, '../../../electron/cli/bin.cjs')
let t: TestEngine
let containerId: string

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [BIN, ...args], { env: { ...process.env, DOCKER_HOST: t.host, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

beforeAll(async () => {
  await mkdir(join(__dirname, '../../../test-results'), { recursive: true })
  t = testEngine('cli')
  await t.network(`${t.runId}-net`, { IPAM: { Driver: 'default', Config: [{ Subnet: '10.213.30.0/24' }] } })
  containerId = (await t.container(`${t.runId}-c`, { HostConfig: { NetworkMode: `${t.runId}-net` } })).id
})
afterAll(async () => {
  await t.cleanup()
})

describe('bridgeview snapshot --json', () => {
  it('prints the documented shape, agreeing with the engine', async () => {
    const { code, stdout } = await cli(['snapshot', '--json'])
    expect(code).toBe(0)
    const snap = JSON.parse(stdout)
    expect(snap.schema).toBe('bridgeview.snapshot/1')
    expect(Object.keys(snap.engine)).toEqual(expect.arrayContaining(['version', 'apiVersion', 'os']))
    const net = snap.networks.find((n: any) => n.name === `${t.runId}-net`)
    expect(net).toMatchObject({ driver: 'bridge', scope: 'local', internal: false, attachable: false, subnets: [{ subnet: '10.213.30.0/24', gateway: '10.213.30.1' }] })
    expect(net.bridge).toBe(`br-${net.id.slice(0, 12)}`)
    expect(net.containers).toEqual([containerId])
    const c = snap.containers.find((x: any) => x.id === containerId)
    expect(c).toMatchObject({ name: `${t.runId}-c`, image: 'busybox:latest', state: 'running', networkMode: 'user', sharesNetworkWith: null })
    const truth = JSON.parse(await t.cli(['inspect', containerId]))[0].NetworkSettings.Networks[`${t.runId}-net`]
    expect(c.endpoints[0]).toMatchObject({ networkId: net.id, networkName: `${t.runId}-net`, ipv4: truth.IPAddress, prefixLen: truth.IPPrefixLen, mac: truth.MacAddress, gateway: truth.Gateway })
    const veth = snap.interfaces.find((i: any) => i.name === c.endpoints[0].hostVeth)
    expect(veth).toMatchObject({ kind: 'veth', master: net.bridge, container: containerId })
    for (const i of snap.interfaces) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['name', 'index', 'kind', 'flags', 'mtu', 'mac', 'ipv4', 'ipv6', 'master', 'peerIndex', 'rx', 'tx', 'container']))
      expect(Object.keys(i.rx)).toEqual(expect.arrayContaining(['packets', 'bytes', 'errors', 'dropped']))
    }
  })
})

describe('bridgeview ifconfig', () => {
  it("prints an interface in ifconfig's layout with the kernel's figures", async () => {
    const { code, stdout } = await cli(['ifconfig', 'docker0'])
    expect(code).toBe(0)
    const [truth] = JSON.parse((await execFileAsync('ip', ['-j', 'addr', 'show', 'docker0'])).stdout)
    const inet = truth.addr_info.find((a: any) => a.family === 'inet')
    const lines = stdout.split('\n')
    expect(lines[0]).toMatch(new RegExp(`^docker0: flags=\\d+<[A-Z,]+>  mtu ${truth.mtu}$`))
    expect(lines[1]).toBe(`        inet ${inet.local}  netmask 255.255.0.0  broadcast ${inet.broadcast}`)
    expect(stdout).toContain(`ether ${truth.address}  txqueuelen`)
    expect(stdout).toMatch(/RX packets \d+  bytes \d+ \(/)
    expect(stdout).toMatch(/TX errors \d+  dropped \d+ overruns \d+  carrier \d+  collisions \d+/)
  })

  it('exits 1 naming an interface that does not exist', async () => {
    const { code, stderr } = await cli(['ifconfig', 'nosuch0'])
    expect(code).toBe(1)
    expect(stderr).toContain('nosuch0')
  })
})

describe('bridgeview veth', () => {
  it("prints the test container's veth with its bridge, network and address", async () => {
    const { code, stdout } = await cli(['veth'])
    expect(code).toBe(0)
    const snap = JSON.parse((await cli(['snapshot', '--json'])).stdout)
    const ep = snap.containers.find((x: any) => x.id === containerId).endpoints[0]
    const row = stdout.split('\n').find((l) => l.startsWith(ep.hostVeth))!
    expect(row).toBeDefined()
    expect(row.split(/\s{3,}/)).toEqual([ep.hostVeth, `br-${ep.networkId.slice(0, 12)}`, `${t.runId}-net`, `${t.runId}-c (${containerId.slice(0, 12)})`, `${ep.ipv4}/${ep.prefixLen}`])
  })
})

describe('exit codes', () => {
  it('exits 2 on bad usage with the usage text', async () => {
    for (const args of [[], ['frobnicate'], ['snapshot'], ['snapshot', '--json', '--bogus'], ['export', '--format', 'gif', '--out', 'x.gif']]) {
      const { code, stderr } = await cli(args)
      expect(code, args.join(' ')).toBe(2)
      expect(stderr).toContain('Usage: bridgeview')
    }
  })

  it('exits 3 when the engine is unreachable, saying what was tried', async () => {
    const nowhere = 'unix:///tmp/bridgeview-cli-no-engine.sock'
    const viaEnv = await cli(['snapshot', '--json'], { DOCKER_HOST: nowhere })
    expect(viaEnv.code).toBe(3)
    expect(viaEnv.stderr).toContain(nowhere)
    const viaFlag = await cli(['--host', 'tcp://127.0.0.1:1', 'veth'])
    expect(viaFlag.code).toBe(3)
    expect(viaFlag.stderr).toContain('tcp://127.0.0.1:1')
  })
})

describe('bridgeview export', () => {
  it('writes an SVG and a PNG of the diagram naming every bridge and container', async () => {
    const dir = join(__dirname, '../../../test-results')
    const svgPath = join(dir, 'cli-export.svg')
    const pngPath = join(dir, 'cli-export.png')
    const svgRun = await cli(['export', '--format', 'svg', '--out', svgPath])
    expect(svgRun.code, svgRun.stderr).toBe(0)
    const svg = await readFile(svgPath, 'utf8')
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain(`${t.runId}-c`)
    expect(svg).toContain('docker0')
    const pngRun = await cli(['export', '--format', 'png', '--out', pngPath, '--scale', '2', '--theme', 'dark'])
    expect(pngRun.code, pngRun.stderr).toBe(0)
    const png = await readFile(pngPath)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    const width = png.readUInt32BE(16)
    const svgWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)![1])
    expect(width).toBe(Math.round(svgWidth * 2))
    expect((await stat(pngPath)).size).toBeGreaterThan(1000)
  })

  it('exports only the chosen network with --network, and refuses an unknown one', async () => {
    const out = join(__dirname, '../../../test-results/cli-export-net.svg')
    const run = await cli(['export', '--format', 'svg', '--out', out, '--network', `${t.runId}-net`])
    expect(run.code, run.stderr).toBe(0)
    const svg = await readFile(out, 'utf8')
    expect(svg).toContain(`${t.runId}-c`)
    expect(svg).not.toContain('docker0')
    const unknown = await cli(['export', '--format', 'svg', '--out', out, '--network', 'no-such-net'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no-such-net')
    const noFolder = await cli(['export', '--format', 'svg', '--out', '/nonexistent-bridgeview/x.svg'])
    expect(noFolder.code).toBe(2)
    expect(noFolder.stderr).toContain('/nonexistent-bridgeview')
  })
})
