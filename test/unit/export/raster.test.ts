import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BridgeviewError } from '../../../electron/shared/errors'
import { MAX_PNG_PIXELS, rasterizeSvg, rasterizeSvgAsync, saveExport, svgSize } from '../../../electron/services/export/raster'
import { layoutTopology } from '../../../renderer/src/diagram/layout'
import { diagramTree, toSvgString } from '../../../renderer/src/diagram/markup'
import type { DiagramTheme } from '../../../renderer/src/diagram/theme'
import { fixtureTopology } from '../diagram/fixtures'
import { decodePng, pixelAt, pixelsUnlikeCorner, pngHeader } from './png'

const fixtureSvg = (theme: DiagramTheme = 'light'): string =>
  toSvgString(diagramTree(layoutTopology(fixtureTopology({ extras: true })), { theme, detail: 'full' }))

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bridgeview-export-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('svgSize', () => {
  it('reads width and height from the root element', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480px"/>')).toEqual({ width: 640, height: 480 })
  })

  it('falls back to the viewBox when width and height are missing or relative', () => {
    expect(svgSize("<svg viewBox='0 0 300 200' width='100%'></svg>")).toEqual({ width: 300, height: 200 })
  })

  it('refuses markup that is not SVG or has no size', () => {
    expect(() => svgSize('<html></html>')).toThrow(BridgeviewError)
    expect(() => svgSize('<svg></svg>')).toThrow(/no usable width and height/)
  })
})

describe('rasterizeSvg', () => {
  it('renders the fixture diagram to a PNG the size of the SVG times the scale', () => {
    const svg = fixtureSvg()
    const size = svgSize(svg)
    for (const scale of [1, 2] as const) {
      const { png, width, height } = rasterizeSvg(svg, scale)
      expect(pngHeader(png)).toMatchObject({ width: size.width * scale, height: size.height * scale })
      expect([width, height]).toEqual([size.width * scale, size.height * scale])
    }
  })

  it('draws something: the picture is not just its background', () => {
    const image = decodePng(rasterizeSvg(fixtureSvg(), 1).png)
    expect(pixelAt(image, 0, 0)).toEqual([255, 255, 255, 255])
    expect(pixelsUnlikeCorner(image)).toBeGreaterThan(image.width * image.height * 0.05)
  })

  it('renders text with a font that exists here', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/>' +
      `<text x="10" y="28" font-size="20" font-family="'DejaVu Sans', Arial, sans-serif" fill="#000">eth0 docker0</text></svg>`
    const image = decodePng(rasterizeSvg(svg, 1).png)
    expect(pixelsUnlikeCorner(image)).toBeGreaterThan(200)
  })

  it('keeps the dark background and a transparent one transparent', () => {
    expect(pixelAt(decodePng(rasterizeSvg(fixtureSvg('dark'), 1).png), 0, 0)).toEqual([13, 17, 23, 255])
    const transparent = decodePng(rasterizeSvg(fixtureSvg('transparent'), 1).png)
    expect(pixelAt(transparent, 0, 0)[3]).toBe(0)
    expect(pixelsUnlikeCorner(transparent)).toBeGreaterThan(1000)
  })

  it('renders a big picture in strips into one PNG identical to a single render', () => {
    for (const theme of ['light', 'transparent'] as const) {
      const svg = fixtureSvg(theme)
      const whole = decodePng(rasterizeSvg(svg, 1).png)
      const strips = rasterizeSvg(svg, 1, { stripPixels: 400_000 })
      const stitched = decodePng(strips.png)
      expect([stitched.width, stitched.height]).toEqual([whole.width, whole.height])
      let different = 0
      for (let i = 0; i < whole.rgba.length; i++) if (Math.abs(whole.rgba[i] - stitched.rgba[i]) > 2) different++
      // Anti-aliasing at a strip's edge may differ by a shade; the picture is the same.
      expect(different / whole.rgba.length, theme).toBeLessThan(0.001)
    }
  })

  it('renders strips of a foreign SVG (without our extents) the same way, just without culling', () => {
    const svg = fixtureSvg().replace(' data-bridgeview="diagram"', '')
    const whole = decodePng(rasterizeSvg(svg, 1).png)
    const stitched = decodePng(rasterizeSvg(svg, 1, { stripPixels: 600_000 }).png)
    let different = 0
    for (let i = 0; i < whole.rgba.length; i++) if (Math.abs(whole.rgba[i] - stitched.rgba[i]) > 2) different++
    expect(different / whole.rgba.length).toBeLessThan(0.001)
  })

  it('renders off the calling thread to the same picture', async () => {
    const svg = fixtureSvg()
    const sync = rasterizeSvg(svg, 1)
    const async = await rasterizeSvgAsync(svg, 1)
    expect([async.width, async.height]).toEqual([sync.width, sync.height])
    expect(Buffer.from(decodePng(async.png).rgba).equals(Buffer.from(decodePng(sync.png).rgba))).toBe(true)
    const strips = await rasterizeSvgAsync(svg, 1, { stripPixels: 600_000 })
    expect(pngHeader(strips.png)).toMatchObject({ width: sync.width, height: sync.height })
  })

  it('refuses a PNG too large to make, saying how large and what to do instead', () => {
    const huge = '<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="15000"></svg>'
    let error: unknown
    try {
      rasterizeSvg(huge, 3)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(BridgeviewError)
    const e = error as BridgeviewError
    expect(e.code).toBe('OPERATION_REFUSED')
    expect(e.detail).toMatchObject({ reason: 'EXPORT_TOO_LARGE', width: 60000, height: 45000, scale: 3, maxPixels: MAX_PNG_PIXELS })
    expect(e.message).toMatch(/60000 × 45000 pixels/)
    expect(e.message).toMatch(/smaller scale|current view|SVG/)
    expect(() => rasterizeSvg('<svg width="100" height="100"></svg>', 1, { maxPixels: 5000 })).toThrow(/limit/)
  })
})

describe('saveExport', () => {
  it('writes the SVG text as is and reports its size', async () => {
    const svg = fixtureSvg()
    const target = join(dir, 'diagram.svg')
    const saved = await saveExport({ format: 'svg', svg, scale: 1, suggestedName: 'diagram.svg' }, target)
    expect(await readFile(target, 'utf8')).toBe(svg)
    expect(saved).toEqual({ path: target, bytes: Buffer.byteLength(svg), ...svgSize(svg) })
  })

  it('writes a PNG at the requested scale and reports its pixel size', async () => {
    const svg = fixtureSvg('dark')
    const target = join(dir, 'diagram.png')
    const saved = await saveExport({ format: 'png', svg, scale: 2, suggestedName: 'diagram.png' }, target)
    const png = await readFile(target)
    expect(saved.bytes).toBe(png.length)
    expect(pngHeader(png)).toMatchObject({ width: saved.width, height: saved.height })
    expect(saved.width).toBe(svgSize(svg).width * 2)
  })

  it('leaves no file behind when the export is refused', async () => {
    const target = join(dir, 'refused.png')
    await expect(
      saveExport({ format: 'png', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="40000" height="40000"></svg>', scale: 1, suggestedName: 'refused.png' }, target),
    ).rejects.toThrow(BridgeviewError)
    expect((await readdir(dir)).filter((f) => f.startsWith('refused'))).toEqual([])
  })
})
