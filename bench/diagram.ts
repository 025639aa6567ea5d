/**
 * Issue 5's budgets, in headless Chromium (Debian's, through playwright-core):
 * - data to first frame: 1000 containers on 20 bridges < 150 ms, 5000 < 600 ms, from the
 *   moment the page receives the topology to the first frame after the diagram mounted;
 * - pan/zoom frame < 16 ms at 1000 containers (mouse wheel and drag through d3-zoom);
 * - PNG export of the 1000-container diagram < 1 s, and a non-blank PNG at 5000;
 * - engine event (`docker network connect`) to both the diagram and the Interfaces table
 *   showing the new veth: p95 of 20 < 300 ms, through the harness against the test engine;
 * - the renderer's JavaScript < 350 KB gzipped.
 *
 * The synthetic topologies are served to the real, built app (out/renderer) by a stand-in
 * for the desktop side (bench/diagram-client.ts) through Playwright's request routing:
 * nothing listens, nothing leaves the machine.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, normalize, sep } from 'node:path'
import { createInflate, gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startHarness } from '../electron/harness/server'
import { CONTENT_SECURITY_POLICY } from '../electron/main/setup'
import { saveExport } from '../electron/services/export/raster'
import { validateArgs } from '../electron/shared/rpc'
import type { SavedFile } from '../electron/shared/types'
import { layoutTopology } from '../renderer/src/diagram/layout'
import { CHROMIUM_ARGS, ROOT } from '../test/support/browser'
import { testEngine } from '../test/support/engine'
import { generatedTopology } from '../test/unit/diagram/fixtures'
import { median, ms, percentile, verdict } from './stats'

const ORIGIN = 'http://127.0.0.1:9'
const RENDERER = join(ROOT, 'out/renderer')
const BRIDGES = 20
/** The diagram is drawn: SVG boxes, or (a large diagram zoomed out) the canvas they were painted on. */
const NODES_DRAWN = '[data-testid="diagram-area"] [data-layer="nodes"] > [data-node-id], [data-testid="diagram-area"] canvas[data-drawn]'

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' }

interface Bundles {
  client: string
  probe: string
}

export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'bench', entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    alias: { '@shared': join(ROOT, 'electron/shared') },
  })
  return result.outputFiles[0].text
}

/** Waits for a page-side promise, failing after `ms` instead of hanging the benchmark. */
async function within<T>(what: string, timeoutMs: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing after ${timeoutMs} ms`)), timeoutMs)))
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

const line = (label: string, value: string, budget: string, ok: boolean): void =>
  console.log(`${label.padEnd(58)} ${value.padStart(12)}   (budget ${budget}): ${verdict(ok)}`)
const info = (label: string, value: string): void => console.log(`${label.padEnd(58)} ${value.padStart(12)}`)
const summary = (values: number[]): string => `median ${ms(median(values))}, max ${ms(Math.max(...values))} of ${values.length}`

export class BenchPages {
  private saved = 0

  constructor(
    private readonly browser: Browser,
    private readonly bundles: Bundles,
    private readonly topologies: Map<string, Buffer>,
    private readonly exportDir: string,
  ) {}

  /** A fresh context showing the built app, its desktop side answering from the synthetic topologies. */
  async open(): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', colorScheme: 'light' })
    await context.route(`${ORIGIN}/**`, (route) => this.serve(route.request().url(), (response) => route.fulfill(response)))
    await context.addInitScript({ content: this.bundles.client })
    await context.addInitScript({ content: this.bundles.probe })
    await context.exposeFunction('bvBenchSave', (request: unknown) => this.save(request))
    const page = await context.newPage()
    page.on('pageerror', (error) => console.warn(`page error: ${error.message}`))
    await page.goto(`${ORIGIN}/`)
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor()
    return page
  }

  private async serve(url: string, fulfill: (response: { status?: number; body?: Buffer; contentType?: string; headers?: Record<string, string> }) => Promise<void>): Promise<void> {
    const path = new URL(url).pathname
    const topology = this.topologies.get(path)
    if (topology) return fulfill({ body: topology, contentType: 'application/json' })
    const file = normalize(join(RENDERER, path === '/' ? 'index.html' : decodeURIComponent(path.slice(1))))
    if (!file.startsWith(RENDERER + sep)) return fulfill({ status: 403 })
    try {
      const body = await readFile(file)
      return fulfill({ body, contentType: TYPES[extname(file)] ?? 'application/octet-stream', headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } })
    } catch {
      return fulfill({ status: 404 })
    }
  }

  /** What main does with an export: validate it against the contract, write it. */
  private async save(request: unknown): Promise<SavedFile> {
    const [valid] = validateArgs('export:save', [request])
    this.saved += 1
    return saveExport(valid, join(this.exportDir, `${String(this.saved).padStart(3, '0')}-${valid.suggestedName}`))
  }
}

async function closePage(page: Page): Promise<void> {
  await page.context().close()
}

/** Opens the Diagram page with `count` containers and times the first frame from the moment the topology arrives. */
async function firstFrame(pages: BenchPages, count: number): Promise<{ page: Page; raf: number; painted: number; nodes: number }> {
  const page = await pages.open()
  await page.evaluate(`bvBench.load('/__bench/topology-${count}.json')`)
  await page.locator('[data-page="diagram"]').click()
  await page.locator('[data-testid="diagram-page"]').waitFor()
  const result = (await page.evaluate(`bvProbe.firstFrame(${JSON.stringify(NODES_DRAWN)}, () => bvBench.release())`)) as { raf: number; painted: number; nodes: number }
  return { page, ...result }
}

async function benchFirstFrames(pages: BenchPages): Promise<void> {
  for (const [count, budget, runs] of [
    [1000, 150, 11],
    [5000, 600, 7],
  ] as const) {
    const raf: number[] = []
    const painted: number[] = []
    let nodes = 0
    for (let run = 0; run < runs; run++) {
      const result = await firstFrame(pages, count)
      raf.push(result.raf)
      painted.push(result.painted)
      nodes = result.nodes
      await closePage(result.page)
    }
    info(`  ${count} containers: boxes drawn in the first frame (SVG elements or canvas)`, String(nodes))
    info(`  ${count} containers: to first frame, all runs (rAF)`, raf.map((v) => v.toFixed(0)).join(' '))
    line(`data to first frame, ${count} containers (rAF; ${summary(raf)})`, ms(median(raf)), `< ${budget} ms`, median(raf) < budget)
    info(`  … until that frame was painted (${summary(painted)})`, ms(median(painted)))
  }
}

function frameLine(label: string, stats: { work: number[]; interval: number[] }): boolean {
  const p95 = percentile(stats.work, 95)
  line(`pan/zoom, ${label}: frame work p95 (p50 ${ms(median(stats.work))}, max ${ms(Math.max(...stats.work))})`, ms(p95), '< 16 ms', p95 < 16)
  info(`  rAF interval p50 / p95`, `${ms(median(stats.interval))} / ${ms(percentile(stats.interval, 95))}`)
  return p95 < 16
}

async function benchPanZoom(pages: BenchPages): Promise<void> {
  const { page } = await firstFrame(pages, 1000)
  try {
    await page.waitForTimeout(500)
    const fitScale = (await page.evaluate('bvProbe.zoomScale()')) as number
    info('  1000 containers: zoom after fit to screen', fitScale.toFixed(3))
    frameLine('drag at fit (all 2000+ boxes, low detail)', (await page.evaluate('bvProbe.drag(60, 6, 3)')) as { work: number[]; interval: number[] })
    const zoomIn = (await page.evaluate('bvProbe.wheel(60, -40)')) as { work: number[]; interval: number[] }
    // d3-zoom ends a wheel gesture 150 ms after the last event; the boxes are then rebuilt with labels.
    const settle = (await page.evaluate('bvProbe.longestFrame(600)')) as number
    info('  zoom after 60 wheel steps in', ((await page.evaluate('bvProbe.zoomScale()')) as number).toFixed(3))
    frameLine('wheel zoom in, fit → ~2× (crosses to full detail)', zoomIn)
    info('  then, once the zoom settles, the frame that draws the labels', settle ? ms(settle) : '< 50 ms')
    frameLine('drag at ~2× (full detail, culled to the view)', (await page.evaluate('bvProbe.drag(60, 12, 6)')) as { work: number[]; interval: number[] })
    frameLine('wheel zoom out, ~2× → fit', (await page.evaluate('bvProbe.wheel(60, 40)')) as { work: number[]; interval: number[] })
    const settleOut = (await page.evaluate('bvProbe.longestFrame(600)')) as number
    info('  then, once the zoom settles, the frame that redraws the view', settleOut ? ms(settleOut) : '< 50 ms')
  } finally {
    await closePage(page)
  }
}

/** Exports a PNG from the menu (whole diagram, 1×, light) and returns what the status line says. */
async function exportPng(page: Page, timeout: number): Promise<{ ms: number; path: string; width: number; height: number; renderedBy: string | null }> {
  const status = page.locator('[data-testid="export-status"]')
  const before = await status.getAttribute('data-path')
  await page.locator('[data-testid="export-open"]').click()
  await page.locator('[data-export-format="png"]').check()
  await page.locator('[data-export-area="whole"]').check()
  await page.locator('[data-export-scale="1"]').check()
  await page.locator('[data-export-background="light"]').check()
  await page.locator('[data-testid="export-save"]').click()
  await page.waitForFunction(
    (previous) => {
      const el = document.querySelector('[data-testid="export-status"]')
      const state = el?.getAttribute('data-state')
      return state === 'failed' || (state === 'saved' && el?.getAttribute('data-path') !== previous)
    },
    before,
    { timeout, polling: 50 },
  )
  if ((await status.getAttribute('data-state')) !== 'saved') throw new Error(`export failed: ${await status.textContent()}`)
  return {
    ms: Number(await status.getAttribute('data-ms')),
    path: (await status.getAttribute('data-path'))!,
    width: Number(await status.getAttribute('data-width')),
    height: Number(await status.getAttribute('data-height')),
    renderedBy: await status.getAttribute('data-rendered-by'),
  }
}

/**
 * Decodes a PNG row by row (filters undone, two rows held at a time) and counts the pixels
 * unlike the first one: a picture of hundreds of megapixels is checked in little memory.
 */
async function pngInk(path: string): Promise<{ width: number; height: number; unlike: number; chunks: string[] }> {
  const file = await readFile(path)
  if (file.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error(`${path} is not a PNG`)
  const width = file.readUInt32BE(16)
  const height = file.readUInt32BE(20)
  if (file[24] !== 8 || file[25] !== 6) throw new Error('expected 8-bit RGBA')
  const chunks: string[] = []
  const idat: Buffer[] = []
  for (let offset = 8; offset < file.length; ) {
    const length = file.readUInt32BE(offset)
    const type = file.toString('ascii', offset + 4, offset + 8)
    chunks.push(type)
    if (type === 'IDAT') idat.push(file.subarray(offset + 8, offset + 8 + length))
    offset += 12 + length
  }
  const stride = width * 4
  let previous = new Uint8Array(stride)
  let current = new Uint8Array(stride)
  let pending: Buffer<ArrayBufferLike> = Buffer.alloc(0)
  let rows = 0
  let unlike = 0
  let first: number | null = null
  const inflate = createInflate()
  const done = new Promise<void>((resolve, reject) => {
    inflate.on('data', (data: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, data]) : data
      let at = 0
      while (pending.length - at >= stride + 1 && rows < height) {
        const filter = pending[at]
        const raw = pending.subarray(at + 1, at + 1 + stride)
        for (let x = 0; x < stride; x++) {
          const a = x >= 4 ? current[x - 4] : 0
          const b = previous[x]
          const c = x >= 4 ? previous[x - 4] : 0
          let p = 0
          if (filter === 1) p = a
          else if (filter === 2) p = b
          else if (filter === 3) p = (a + b) >> 1
          else if (filter === 4) {
            const e = a + b - c
            const pa = Math.abs(e - a)
            const pb = Math.abs(e - b)
            const pc = Math.abs(e - c)
            p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
          }
          current[x] = (raw[x] + p) & 0xff
        }
        const pixels = new Uint32Array(current.buffer)
        first ??= pixels[0]
        for (let i = 0; i < pixels.length; i++) if (pixels[i] !== first) unlike++
        ;[previous, current] = [current, previous]
        rows++
        at += stride + 1
      }
      pending = pending.subarray(at)
    })
    inflate.on('end', resolve)
    inflate.on('error', reject)
  })
  inflate.end(Buffer.concat(idat))
  await done
  if (rows !== height) throw new Error(`${path}: decoded ${rows} rows of ${height}`)
  return { width, height, unlike, chunks }
}

async function benchExport(pages: BenchPages, bounds: Map<number, { width: number; height: number }>): Promise<void> {
  const { page } = await firstFrame(pages, 1000)
  try {
    const size = bounds.get(1000)!
    const times: number[] = []
    let last: Awaited<ReturnType<typeof exportPng>> | null = null
    for (let run = 0; run < 6; run++) {
      last = await exportPng(page, 60_000)
      if (last.renderedBy !== 'browser') throw new Error(`the 1000-container PNG was rendered by ${last.renderedBy}`)
      if (last.width !== size.width || last.height !== size.height) throw new Error(`PNG is ${last.width} × ${last.height}, the diagram ${size.width} × ${size.height}`)
      times.push(last.ms)
    }
    const ink = await pngInk(last!.path)
    info(`  1000 containers: PNG ${ink.width} × ${ink.height}, ${((await stat(last!.path)).size / 1e6).toFixed(1)} MB, chunks`, [...new Set(ink.chunks)].join(','))
    info('  1000 containers: each export, click to file written (ms)', times.map((v) => v.toFixed(0)).join(' '))
    line(`PNG export, 1000 containers, 1×, first export (cold)`, ms(times[0]), '< 1000 ms', times[0] < 1000)
    const warm = times.slice(1)
    line(`PNG export, 1000 containers, 1×, later exports (${summary(warm)})`, ms(median(warm)), '< 1000 ms', median(warm) < 1000)
  } finally {
    await closePage(page)
  }

  const big = await firstFrame(pages, 5000)
  try {
    const size = bounds.get(5000)!
    const result = await exportPng(big.page, 300_000)
    const ink = await pngInk(result.path)
    const share = ink.unlike / (ink.width * ink.height)
    const ok = ink.width === size.width && ink.height === size.height && share > 0.05 && !ink.chunks.some((c) => c !== 'IHDR' && c !== 'IDAT' && c !== 'IEND')
    info(`  5000 containers: PNG ${ink.width} × ${ink.height} by the ${result.renderedBy}, ${((await stat(result.path)).size / 1e6).toFixed(1)} MB`, ms(result.ms))
    line(`PNG export, 5000 containers: pixels unlike the background`, `${(share * 100).toFixed(1)} %`, 'non-blank', ok)
  } finally {
    await closePage(big.page)
  }
}

async function benchEngineEvents(browser: Browser, bundles: Bundles, exportDir: string): Promise<void> {
  const t = testEngine('bench-diagram')
  const contexts: BrowserContext[] = []
  let harness: Awaited<ReturnType<typeof startHarness>> | null = null
  try {
    const net = `${t.runId}-net`
    const name = `${t.runId}-c`
    const network = await t.network(net)
    const container = await t.container(name)
    const netId = (await network.inspect()).Id as string
    harness = await startHarness({ rendererDir: RENDERER, exportDir, connect: { host: t.host } })
    // Two windows, as a user with the diagram in one and the Interfaces page in the other.
    const open = async (target: 'diagram' | 'interfaces'): Promise<Page> => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
      contexts.push(context)
      await context.addInitScript({ content: bundles.probe })
      const page = await context.newPage()
      await page.goto(harness!.url)
      await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor()
      await page.locator(`[data-page="${target}"]`).click()
      await page.locator(`[data-testid="${target}-page"]`).waitFor()
      return page
    }
    const diagram = await open('diagram')
    await diagram.locator(NODES_DRAWN).first().waitFor()
    const table = await open('interfaces')
    await table.locator('[data-testid="interfaces-table"] tr[data-interface]').first().waitFor()
    const row = `[data-testid="interfaces-table"] tr[data-container="${name}"][data-network="${net}"]`
    const latencies: number[] = []
    const parts: Array<[number, number]> = []
    for (let i = 0; i < 21; i++) {
      const known = await diagram.evaluate('bvProbe.veths()')
      // The promise stays in the page (a comma expression, so evaluate does not wait for it).
      await diagram.evaluate(`(window.bvSeen = bvProbe.whenNewVeth(${JSON.stringify(`bridge:${netId}`)}, ${JSON.stringify(known)}), 0)`)
      await table.evaluate(`(window.bvSeen = bvProbe.whenSelector(${JSON.stringify(row)}), 0)`)
      const start = performance.timeOrigin + performance.now()
      await network.connect({ Container: container.id })
      const seenInDiagram = (await within('the new veth in the diagram', 10_000, diagram.evaluate('window.bvSeen'))) as number
      const seenInTable = (await within('the new veth in the Interfaces table', 10_000, table.evaluate('window.bvSeen'))) as number
      // The first round warms the engine's and the harness' caches up; it is not counted.
      if (i > 0) {
        latencies.push(Math.max(seenInDiagram, seenInTable) - start)
        parts.push([seenInDiagram - start, seenInTable - start])
      }
      await table.evaluate(`(window.bvGone = bvProbe.whenSelector(${JSON.stringify(row)}, false), 0)`)
      await network.disconnect({ Container: container.id, Force: true })
      await within('the veth gone from the table', 10_000, table.evaluate('window.bvGone'))
      await diagram.waitForFunction((n) => document.querySelectorAll('[data-layer="nodes"] > [data-kind="veth"]').length === n, (known as string[]).length, { timeout: 10_000 })
    }
    info('  engine event to both views, each of 20 (ms)', '')
    console.log(`    ${latencies.map((v) => v.toFixed(0)).join(' ')}`)
    info('  diagram alone / Interfaces table alone, median', `${ms(median(parts.map((p) => p[0])))} / ${ms(median(parts.map((p) => p[1])))}`)
    const p95 = percentile(latencies, 95)
    line(`engine event (network connect) to diagram and table, p95 (p50 ${ms(median(latencies))})`, ms(p95), '< 300 ms', p95 < 300)
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined)
    await harness?.close()
    await t.cleanup()
  }
}

async function benchBundleSize(): Promise<void> {
  const assets = join(RENDERER, 'assets')
  const files = (await readdir(assets)).filter((f) => f.endsWith('.js'))
  let raw = 0
  let gzipped = 0
  for (const file of files) {
    const body = await readFile(join(assets, file))
    raw += body.length
    gzipped += gzipSync(body, { level: 9 }).length
  }
  info(`  renderer JavaScript: ${files.length} file(s), raw`, `${(raw / 1024).toFixed(0)} KB`)
  line('renderer JavaScript, gzipped', `${(gzipped / 1024).toFixed(0)} KB`, '< 350 KB', gzipped < 350 * 1024)
}

async function ensureBuilt(): Promise<void> {
  try {
    await stat(join(RENDERER, 'index.html'))
  } catch {
    throw new Error('No built renderer in out/renderer: run `npm run build` first.')
  }
}

export async function benchDiagram(): Promise<void> {
  await ensureBuilt()
  const topologies = new Map<string, Buffer>()
  const bounds = new Map<number, { width: number; height: number }>()
  for (const count of [1000, 5000]) {
    const topology = generatedTopology(count, BRIDGES)
    topologies.set(`/__bench/topology-${count}.json`, Buffer.from(JSON.stringify(topology)))
    const b = layoutTopology(topology).bounds
    bounds.set(count, { width: Math.ceil(b.width), height: Math.ceil(b.height) })
    info(`  synthetic topology: ${count} containers on ${BRIDGES} bridges, diagram`, `${b.width} × ${b.height}`)
  }
  const bundles: Bundles = { client: await bundle('diagram-client.ts'), probe: await bundle('diagram-probe.ts') }
  const exportDir = await mkdtemp(join(tmpdir(), 'bridgeview-bench-'))
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true })
  // BENCH_DIAGRAM=first,panzoom,export,engine,size runs only those parts.
  const only = new Set((process.env.BENCH_DIAGRAM ?? 'first,panzoom,export,engine,size').split(','))
  try {
    const pages = new BenchPages(browser, bundles, topologies, exportDir)
    if (only.has('first')) await benchFirstFrames(pages)
    if (only.has('panzoom')) await benchPanZoom(pages)
    if (only.has('export')) await benchExport(pages, bounds)
    if (only.has('engine')) await benchEngineEvents(browser, bundles, exportDir)
  } finally {
    await browser.close()
    await rm(exportDir, { recursive: true, force: true })
  }
  if (only.has('size')) await benchBundleSize()
}
