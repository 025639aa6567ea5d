/**
 * The Diagram page in Chromium through the harness, against the test engine, on the
 * note's scene: a MySQL on the default bridge publishing 3306 on 127.0.0.1, a second
 * MySQL on a user-defined bridge, and a busybox sharing the second one's network stack.
 * What is drawn is checked against the kernel (each container's eth0 iflink names its
 * host veth, `ip link` names that veth's bridge) and the engine, by geometry: a line that
 * starts on one box and ends on another links the two.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, RESULTS, startE2E, type E2E } from '../support/browser'
import { ensureImage, execFileAsync, testEngine, vethsOf, type TestEngine, type VethTruth } from '../support/engine'
import { decodePng, pixelAt, pixelsUnlikeCorner, pngHeader } from '../unit/export/png'
import { xmlProblems } from '../unit/diagram/xml'

const MYSQL = 'mysql:8.4'
const EXPORTS = join(RESULTS, 'exports')

let t: TestEngine
let e2e: E2E
let net: string
let db1: string
let db2: string
let side: string
let password: string
let port: number
const ids: Record<string, string> = {}

interface Box {
  id: string
  kind: string
  x: number
  y: number
  width: number
  height: number
  /** The lines drawn (possibly cut short with "…"). */
  text: string
  /** The whole text of a box whose lines were cut short (its <title>). */
  title?: string | null
}
interface Line {
  id: string
  from: [number, number]
  to: [number, number]
}
interface Drawing {
  nodes: Box[]
  groups: Box[]
  links: Line[]
}

/** Every box, frame and line of the diagram's base layer, in diagram units, read from the DOM. */
async function drawing(page: Page): Promise<Drawing> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid="diagram-area"] svg')
    if (!root) throw new Error('no diagram')
    const numbers = (s: string): number[] => (s.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number)
    const nodes = [...root.querySelectorAll('[data-layer="nodes"] > [data-node-id]')].map((g) => {
      // Small diagrams place boxes with a CSS transform (so moves animate), large ones with the attribute.
      const [x, y] = numbers((g as SVGGElement).style.transform || g.getAttribute('transform') || '')
      const rect = g.querySelector('rect')!
      return {
        id: g.getAttribute('data-node-id')!,
        kind: g.getAttribute('data-kind')!,
        x,
        y,
        width: Number(rect.getAttribute('width')),
        height: Number(rect.getAttribute('height')),
        text: [...g.querySelectorAll('text')].map((t) => t.textContent).join('\n'),
        title: g.querySelector(':scope > title')?.textContent ?? null,
      }
    })
    const groups = [...root.querySelectorAll('[data-layer="groups"] > [data-group-id]')].map((g) => {
      const rect = g.querySelector('rect')!
      const n = (a: string): number => Number(rect.getAttribute(a))
      return { id: g.getAttribute('data-group-id')!, kind: 'group', x: n('x'), y: n('y'), width: n('width'), height: n('height'), text: g.textContent ?? '' }
    })
    const links = [...root.querySelectorAll('[data-layer="links"] > [data-link-id]')].map((p) => {
      const d = numbers(p.getAttribute('d') ?? '')
      return { id: p.getAttribute('data-link-id')!, from: [d[0], d[1]] as [number, number], to: [d[d.length - 2], d[d.length - 1]] as [number, number] }
    })
    return { nodes, groups, links }
  })
}

/** What a box says in full: its <title> when its lines were cut short. */
const fullText = (b: Box): string => b.title ?? b.text
const onBottomEdge = (p: [number, number], b: Box): boolean => Math.abs(p[1] - (b.y + b.height)) < 1 && p[0] >= b.x - 0.5 && p[0] <= b.x + b.width + 0.5
const onTopEdge = (p: [number, number], b: Box): boolean => Math.abs(p[1] - b.y) < 1 && p[0] >= b.x - 0.5 && p[0] <= b.x + b.width + 0.5
const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height

async function networkId(name: string): Promise<string> {
  return JSON.parse(await t.cli(['network', 'inspect', name]))[0].Id as string
}

/** The veth of `container` on `network` is drawn, plugged into that network's bridge box and into the container's box (or its namespace frame). */
function expectLinked(d: Drawing, truth: VethTruth, bridgeNodeId: string, targetBox: Box): void {
  const veth = d.nodes.find((n) => n.id === `veth:${truth.veth}`)
  expect(veth, `veth ${truth.veth} drawn`).toBeDefined()
  expect(veth!.text).toBe(truth.veth)
  const bridge = d.nodes.find((n) => n.id === bridgeNodeId)!
  expect(bridge.text.split('\n')[0]).toBe(truth.bridge)
  const up = d.links.find((l) => l.id === `bridge-veth:veth:${truth.veth}`)!
  expect(onBottomEdge(up.from, bridge), `${truth.veth}'s line starts on ${truth.bridge}`).toBe(true)
  expect(onTopEdge(up.to, veth!)).toBe(true)
  // No other bridge box holds that line's start.
  expect(d.nodes.filter((n) => n.kind === 'bridge' && onBottomEdge(up.from, n)).map((n) => n.id)).toEqual([bridgeNodeId])
  const down = d.links.find((l) => l.id === `veth-container:veth:${truth.veth}`)!
  expect(onBottomEdge(down.from, veth!)).toBe(true)
  expect(onTopEdge(down.to, targetBox), `${truth.veth}'s line ends on ${targetBox.id}`).toBe(true)
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const p = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(p))
    })
  })
}

async function openDiagram(page: Page): Promise<void> {
  await page.locator('[data-page="diagram"]').click()
  await page.locator('[data-testid="diagram-page"]').waitFor()
  await page.locator('[data-testid="diagram-area"] [data-layer="nodes"] [data-node-id]').first().waitFor()
}

/** Runs an export from the menu and returns what the status line reports. */
async function exportFromMenu(page: Page, choice: { format: 'png' | 'svg'; area: 'whole' | 'view'; scale?: 1 | 2 | 3; background?: 'light' | 'dark' | 'transparent' }): Promise<{ path: string; width: number; height: number; renderedBy: string | null; ms: number }> {
  const status = page.locator('[data-testid="export-status"]')
  await page.locator('[data-testid="export-open"]').click()
  await page.locator(`[data-export-format="${choice.format}"]`).check()
  await page.locator(`[data-export-area="${choice.area}"]`).check()
  if (choice.scale) await page.locator(`[data-export-scale="${choice.scale}"]`).check()
  if (choice.background) await page.locator(`[data-export-background="${choice.background}"]`).check()
  const before = await status.getAttribute('data-path')
  await page.locator('[data-testid="export-save"]').click()
  // Until it is done: 'working'; then 'saved' with a new path (or 'failed', saying why).
  await expect
    .poll(async () => {
      const state = await status.getAttribute('data-state')
      if (state === 'failed') return `failed: ${await status.textContent()}`
      return state === 'saved' && (await status.getAttribute('data-path')) !== before ? 'saved' : 'working'
    }, { timeout: 60_000 })
    .toBe('saved')
  return {
    path: (await status.getAttribute('data-path'))!,
    width: Number(await status.getAttribute('data-width')),
    height: Number(await status.getAttribute('data-height')),
    renderedBy: await status.getAttribute('data-rendered-by'),
    ms: Number(await status.getAttribute('data-ms')),
  }
}

function pngChunkTypes(png: Buffer): string[] {
  const types: string[] = []
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset)
    types.push(png.toString('ascii', offset + 4, offset + 8))
    offset += 12 + length
  }
  return types
}

/** A PNG that decodes, carries only pixels (no text or metadata chunks) and no secret. */
function expectCleanPng(png: Buffer, width: number, height: number): void {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(pngHeader(png)).toMatchObject({ width, height, bitDepth: 8 })
  expect(new Set(pngChunkTypes(png))).toEqual(new Set(['IHDR', 'IDAT', 'IEND']))
  expect(png.toString('latin1')).not.toContain(password)
  const image = decodePng(png)
  expect(pixelsUnlikeCorner(image)).toBeGreaterThan(width * height * 0.02)
}

function svgSizeOf(svg: string): { width: number; height: number } {
  const root = /^<svg[^>]*>/.exec(svg)![0]
  return { width: Number(/ width="([\d.]+)"/.exec(root)![1]), height: Number(/ height="([\d.]+)"/.exec(root)![1]) }
}

async function expectCleanSvg(svg: string, names: string[]): Promise<void> {
  expect(xmlProblems(svg)).toEqual([])
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
  // Self-contained: no stylesheet, script or outside reference.
  expect(svg).not.toMatch(/<style|<script|<image|<use|href=|url\(/)
  for (const name of names) expect(svg, name).toContain(name)
  expect(svg).not.toContain(password)
  // Chromium's own XML parser agrees that it is well-formed SVG.
  const parsed = await e2e.page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName, texts: doc.querySelectorAll('text').length }
  }, svg)
  expect(parsed.error).toBeNull()
  expect(parsed.root).toBe('svg')
  expect(parsed.texts).toBeGreaterThan(20)
}

function cliExport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [join(ROOT, 'electron/cli/bin.cjs'), 'export', ...args], { env: { ...process.env, DOCKER_HOST: t.host } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

beforeAll(async () => {
  t = testEngine('e2e-diagram')
  await mkdir(EXPORTS, { recursive: true })
  await ensureImage(t.docker, MYSQL)
  await ensureImage(t.docker, 'busybox:latest')
  password = `pw-${randomBytes(12).toString('hex')}`
  port = await freePort()
  net = `${t.runId}-custombridge`
  db1 = `${t.runId}-mysqlDB`
  db2 = `${t.runId}-mysqlDB2`
  side = `${t.runId}-busybox`
  await t.network(net)
  // MySQL needs no readiness here: the diagram draws what the engine and the kernel say.
  const mysql = { Image: MYSQL, Cmd: undefined, Env: [`MYSQL_ROOT_PASSWORD=${password}`], ExposedPorts: { '3306/tcp': {} } }
  ids[db1] = (
    await t.container(db1, { ...mysql, HostConfig: { PortBindings: { '3306/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } } })
  ).id
  ids[db2] = (await t.container(db2, { ...mysql, HostConfig: { NetworkMode: net } })).id
  ids[side] = (await t.container(side, { HostConfig: { NetworkMode: `container:${ids[db2]}` } })).id
  e2e = await startE2E({ colorScheme: 'light', viewport: { width: 1440, height: 900 } })
  await e2e.page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor()
}, 240_000)

afterAll(async () => {
  await e2e?.close()
  await t?.cleanup()
})

describe('the Diagram page', () => {
  it("draws the note's scene with each veth between its own bridge and its own container", async () => {
    const { page } = e2e
    await openDiagram(page)
    const bridgeNode = `bridge:${await networkId('bridge')}`
    const netNode = `bridge:${await networkId(net)}`
    await page.locator(`[data-node-id="container:${ids[side]}"]`).waitFor()
    const d = await drawing(page)

    const [db1Veth] = await vethsOf(t, db1)
    expect(db1Veth.bridge).toBe('docker0')
    expectLinked(d, db1Veth, bridgeNode, d.nodes.find((n) => n.id === `container:${ids[db1]}`)!)

    // mysqlDB2 and the busybox share one namespace: one frame around both, one veth into the frame.
    const [db2Veth] = await vethsOf(t, db2)
    expect(db2Veth.bridge).toMatch(/^br-/)
    const frame = d.groups.find((g) => g.id === `group:netns:${ids[db2]}`)
    expect(frame, 'the shared namespace frame').toBeDefined()
    expectLinked(d, db2Veth, netNode, frame!)
    const owner = d.nodes.find((n) => n.id === `container:${ids[db2]}`)!
    const sharer = d.nodes.find((n) => n.id === `container:${ids[side]}`)!
    expect(inside(owner, frame!)).toBe(true)
    expect(inside(sharer, frame!)).toBe(true)
    expect(fullText(sharer)).toContain(`--network container:${db2}`)
    // The busybox has no veth of its own.
    expect(d.links.filter((l) => l.id.startsWith('veth-container:') && (onTopEdge(l.to, sharer) || onTopEdge(l.to, owner)))).toEqual([])

    // The published port shows on the container and in the note beside the NIC that receives it.
    expect(d.nodes.find((n) => n.id === `container:${ids[db1]}`)!.text).toContain(`127.0.0.1:${port} → 3306/tcp`)
    const ports = d.nodes.filter((n) => n.kind === 'ports').map(fullText).join('\n')
    expect(ports).toContain(`127.0.0.1:${port} → ${db1}:3306/tcp`)
    await e2e.screenshot('diagram-light')
  })

  it('draws a new link without a reload when the engine connects a container to another network', async () => {
    const { page } = e2e
    await page.evaluate(() => ((window as unknown as { diagramMarker: number }).diagramMarker = 42))
    await t.cli(['network', 'connect', net, db1])
    const truths = await vethsOf(t, db1)
    const onNet = truths.find((v) => v.network === net)!
    expect(onNet.bridge).toMatch(/^br-/)
    await page.locator(`[data-layer="nodes"] [data-node-id="veth:${onNet.veth}"]`).waitFor({ timeout: 10_000 })
    const d = await drawing(page)
    const box = d.nodes.find((n) => n.id === `container:${ids[db1]}`)!
    expectLinked(d, onNet, `bridge:${await networkId(net)}`, box)
    // Its first veth stays where it was, into docker0.
    expectLinked(d, truths.find((v) => v.network === 'bridge')!, `bridge:${await networkId('bridge')}`, box)
    expect(await page.evaluate(() => (window as unknown as { diagramMarker?: number }).diagramMarker)).toBe(42)
  })

  it('opens the details, the command and the explanation of a selected bridge, and its page', async () => {
    const { page } = e2e
    const id = await networkId(net)
    await page.locator(`[data-layer="nodes"] [data-node-id="bridge:${id}"] rect`).first().click()
    const details = page.locator(`[data-testid="diagram-details"][data-node="bridge:${id}"]`)
    await details.waitFor()
    await expect(details.locator('[data-testid="command"]').textContent()).resolves.toBe(`docker network inspect ${net}`)
    await expect(page.locator('[data-testid="explain-panel"]').getAttribute('data-concept')).resolves.toBe('user-defined-bridge')
    await page.locator('[data-testid="explain-close"]').click()
    await details.locator('[data-testid="diagram-open"]').click()
    await page.locator(`[data-testid="network-details"][data-network="${net}"]`).waitFor()
    await openDiagram(page)
  })

  it('selects a container with the keyboard and links to its page', async () => {
    const { page } = e2e
    const node = page.locator(`[data-layer="nodes"] [data-node-id="container:${ids[db1]}"]`)
    await node.focus()
    await page.keyboard.press('Enter')
    const details = page.locator(`[data-testid="diagram-details"][data-node="container:${ids[db1]}"]`)
    await details.waitFor()
    await expect(details.locator('[data-testid="command"]').textContent()).resolves.toBe(`docker inspect ${db1}`)
    await expect(details.locator('[data-testid="diagram-port"]').allTextContents()).resolves.toContain(`127.0.0.1:${port} → 3306/tcp`)
    await expect(page.locator('[data-testid="explain-panel"]').getAttribute('data-concept')).resolves.toBe('driver-bridge')
    await page.keyboard.press('Escape')
    await page.locator('[data-testid="explain-panel"]').waitFor({ state: 'detached' })
    await details.locator('[data-testid="diagram-open"]').click()
    await page.locator(`[data-testid="container-details"][data-container="${db1}"]`).waitFor()
    await openDiagram(page)
  })

  it('finds a container by name (Enter shows it) and filters to one network', async () => {
    const { page } = e2e
    const search = page.locator('[data-testid="diagram-search"]')
    await search.fill(side)
    await expect.poll(() => page.locator('[data-testid="diagram-matches"]').getAttribute('data-count')).toBe('1')
    const transform = (): Promise<string> => page.locator('[data-testid="diagram-area"] svg').first().evaluate((el) => (el as SVGSVGElement).style.transform)
    const before = await transform()
    await search.press('Enter')
    await expect.poll(transform).not.toBe(before)
    // The match is centred in the view.
    const centred = await page.evaluate((id) => {
      const el = document.querySelector(`[data-node-id="container:${id}"]`)!.getBoundingClientRect()
      const view = document.querySelector('[data-testid="diagram-area"] .bv-diagram__canvas')!.getBoundingClientRect()
      return Math.abs(el.x + el.width / 2 - (view.x + view.width / 2)) < 30 && Math.abs(el.y + el.height / 2 - (view.y + view.height / 2)) < 30
    }, ids[side])
    expect(centred).toBe(true)
    await search.fill('')

    await page.locator('[data-testid="diagram-network"]').selectOption({ label: net })
    const bridgeId = await networkId('bridge')
    await page.locator(`[data-layer="nodes"] [data-node-id="bridge:${bridgeId}"]`).waitFor({ state: 'detached' })
    const shown = (await drawing(page)).nodes.filter((n) => n.kind === 'container').map((n) => n.id)
    expect(shown).toEqual(expect.arrayContaining([`container:${ids[db1]}`, `container:${ids[db2]}`, `container:${ids[side]}`]))
    await page.locator('[data-testid="diagram-network"]').selectOption('')
    await page.locator(`[data-layer="nodes"] [data-node-id="bridge:${bridgeId}"]`).waitFor()
    await page.locator('[data-testid="diagram-fit"]').click()
  })
})

describe('exports', () => {
  const names = (): string[] => [db1, db2, side, 'docker0', net]

  it('exports the whole diagram as a self-contained SVG and as PNG at 2×, the same size', async () => {
    const { page } = e2e
    const svgSaved = await exportFromMenu(page, { format: 'svg', area: 'whole' })
    expect(svgSaved.path.startsWith(EXPORTS)).toBe(true)
    const svg = await readFile(svgSaved.path, 'utf8')
    const bridgeName = `br-${(await networkId(net)).slice(0, 12)}`
    await expectCleanSvg(svg, [...names(), bridgeName])
    const size = svgSizeOf(svg)
    expect([svgSaved.width, svgSaved.height]).toEqual([size.width, size.height])

    const pngSaved = await exportFromMenu(page, { format: 'png', area: 'whole', scale: 2, background: 'dark' })
    expect(pngSaved.renderedBy).toBe('browser')
    const png = await readFile(pngSaved.path)
    expectCleanPng(png, size.width * 2, size.height * 2)
    // Dark background, as chosen.
    expect(pixelAt(decodePng(png), 1, 1)).toEqual([0x0d, 0x11, 0x17, 255])
  })

  it('exports the current view as a transparent PNG at the view’s size', async () => {
    const { page } = e2e
    const view = await page.locator('[data-testid="diagram-area"] .bv-diagram__canvas').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }))
    const saved = await exportFromMenu(page, { format: 'png', area: 'view', scale: 1, background: 'transparent' })
    expect(saved.renderedBy).toBe('browser')
    const png = await readFile(saved.path)
    expectCleanPng(png, view.width, view.height)
    expect(pixelAt(decodePng(png), 0, 0)[3]).toBe(0)
  })

  it('exports from the CLI the same picture, with every name and no secret', async () => {
    const svgOut = join(EXPORTS, `${t.runId}-cli.svg`)
    const pngOut = join(EXPORTS, `${t.runId}-cli.png`)
    const svgRun = await cliExport(['--format', 'svg', '--out', svgOut])
    expect(svgRun.stderr).toBe('')
    expect(svgRun.code).toBe(0)
    const svg = await readFile(svgOut, 'utf8')
    await expectCleanSvg(svg, [...names(), `br-${(await networkId(net)).slice(0, 12)}`])
    const pngRun = await cliExport(['--format', 'png', '--out', pngOut, '--network', net, '--theme', 'dark'])
    expect(pngRun.code).toBe(0)
    const png = await readFile(pngOut)
    const header = pngHeader(png)
    expectCleanPng(png, header.width, header.height)
    // The filtered picture of one network is narrower than the whole one.
    expect(header.width).toBeLessThan(svgSizeOf(svg).width)
  })
})

describe('the look', () => {
  it('takes screenshots of the page in light and dark', async () => {
    const { page } = e2e
    await page.locator('[data-testid="diagram-fit"]').click()
    await page.locator(`[data-layer="nodes"] [data-node-id="container:${ids[db2]}"] rect`).first().click()
    await page.locator('[data-testid="diagram-details"]').waitFor()
    await page.locator(`[data-layer="nodes"] [data-node-id="container:${ids[db1]}"] rect`).first().hover()
    await page.locator('[data-layer="highlight"]').waitFor()
    await e2e.screenshot('diagram-selected-light')
    await page.keyboard.press('Escape')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await expect.poll(() => page.locator('.bv-diagram').getAttribute('data-theme')).toBe('dark')
    await e2e.screenshot('diagram-dark')
  })
})
