/**
 * Turns the diagram's SVG tree into PNG bytes inside the renderer, with Chromium's own
 * 2D canvas (see paint.ts for why the tree is painted rather than loaded as an <img>).
 *
 * - A picture that fits one canvas comfortably is painted once and encoded by the
 *   browser (canvas.toBlob), the fastest path: the 1000-container diagram at 1× is
 *   16044 × 3410 px.
 * - A larger one is painted in tiles: bands of rows, each band split into columns no
 *   wider than a canvas may be, read back and streamed into a PngBandWriter. Chromium
 *   returns nothing for a canvas past 16384 px a side or 268 M px, and a canvas of
 *   hundreds of megapixels would hold gigabytes; bands keep memory near one band.
 */
import type { SvgNode } from '../diagram/markup'
import { paintTree, type PaintRegion } from '../diagram/paint'
import { PngBandWriter } from './png'

export interface RasterLimits {
  /** Longest canvas side used for one tile. */
  maxCanvasSide: number
  /** Largest picture painted on a single canvas and encoded by the browser. */
  singleCanvasPixels: number
  /** Pixels per band when tiling (all its columns together). */
  bandPixels: number
}

export const DEFAULT_RASTER_LIMITS: RasterLimits = {
  maxCanvasSide: 16_384,
  singleCanvasPixels: 64_000_000,
  bandPixels: 16_000_000,
}

export interface RasterResult {
  png: Blob
  width: number
  height: number
  /** How it was made: one canvas, or this many tiles. */
  tiles: number
}

/** Pixel size and placement of a tree's picture at a scale, the way an SVG viewer maps its viewBox. */
export interface PictureGeometry {
  width: number
  height: number
  /** Diagram units to pixels: pixel = unit * k + offset. */
  k: number
  offsetX: number
  offsetY: number
}

export function pictureGeometry(tree: SvgNode, scale: number): PictureGeometry {
  if (tree.tag !== 'svg') throw new Error('the picture must be an <svg> tree')
  const w = Number(tree.attrs.width)
  const h = Number(tree.attrs.height)
  if (!(w > 0 && h > 0)) throw new Error('the <svg> has no usable width and height')
  const width = Math.ceil(w * scale)
  const height = Math.ceil(h * scale)
  const viewBox = String(tree.attrs.viewBox ?? `0 0 ${w} ${h}`)
    .trim()
    .split(/[\s,]+/)
    .map(Number)
  const [vx, vy, vw, vh] = viewBox.length === 4 && viewBox.every(Number.isFinite) && viewBox[2] > 0 && viewBox[3] > 0 ? viewBox : [0, 0, w, h]
  // preserveAspectRatio="xMidYMid meet", the SVG default.
  const k = Math.min(width / vw, height / vh)
  return { width, height, k, offsetX: (width - vw * k) / 2 - vx * k, offsetY: (height - vh * k) / 2 - vy * k }
}

function canvasOf(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  return canvas
}

function context(canvas: HTMLCanvasElement, willReadFrequently: boolean): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently })
  if (!ctx) throw new CanvasTooLargeError(canvas.width, canvas.height)
  return ctx
}

/** Chromium refused a canvas (too large, out of memory): the caller falls back to the desktop side. */
export class CanvasTooLargeError extends Error {
  constructor(width: number, height: number) {
    super(`The browser could not make a ${width} × ${height} px canvas.`)
    this.name = 'CanvasTooLargeError'
  }
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * canvas.toBlob('image/png'), without its idle-time wait. Chromium encodes a PNG in idle
 * periods, and after a user's click it starts none until a frame has been drawn: an export
 * started from the menu waited a full second (its fallback timeout) before encoding. A
 * requested animation frame opens the next idle period; one is asked for every 100 ms
 * until the blob arrives.
 */
export function encodeCanvas(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => {
    let done = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const kick = (): void => {
      if (done) return
      requestAnimationFrame(() => undefined)
      timer = setTimeout(kick, 100)
    }
    canvas.toBlob((blob) => {
      done = true
      clearTimeout(timer)
      resolve(blob)
    }, 'image/png')
    kick()
  })
}

/**
 * Rasterises the tree at `scale` device pixels per diagram pixel. `onProgress` gets the
 * share done (0–1) after each band, so a long export can show it.
 */
export async function rasterizeTree(
  tree: SvgNode,
  scale: number,
  limits: RasterLimits = DEFAULT_RASTER_LIMITS,
  onProgress?: (done: number) => void,
): Promise<RasterResult> {
  const g = pictureGeometry(tree, scale)
  const { width, height } = g
  if (width <= limits.maxCanvasSide && height <= limits.maxCanvasSide && width * height <= limits.singleCanvasPixels) {
    const canvas = canvasOf(width, height)
    const ctx = context(canvas, false)
    ctx.setTransform(g.k, 0, 0, g.k, g.offsetX, g.offsetY)
    paintTree(ctx, tree)
    const png = await encodeCanvas(canvas)
    canvas.width = canvas.height = 0
    if (!png) throw new CanvasTooLargeError(width, height)
    onProgress?.(1)
    return { png, width, height, tiles: 1 }
  }

  const columns = Math.ceil(width / limits.maxCanvasSide)
  const columnWidth = Math.ceil(width / columns)
  const bandRows = Math.max(1, Math.min(limits.maxCanvasSide, Math.floor(limits.bandPixels / width)))
  const writer = new PngBandWriter(width, height)
  const canvases: HTMLCanvasElement[] = []
  let tiles = 0
  try {
    for (let top = 0; top < height; top += bandRows) {
      const rows = Math.min(bandRows, height - top)
      const band = writer.band(rows)
      for (let c = 0; c < columns; c++) {
        const left = c * columnWidth
        const w = Math.min(columnWidth, width - left)
        const canvas = (canvases[c] ??= canvasOf(w, rows))
        if (canvas.width !== w || canvas.height !== rows) {
          canvas.width = w
          canvas.height = rows
        }
        const ctx = context(canvas, true)
        ctx.setTransform(1, 0, 0, 1, 0, 0)
        ctx.clearRect(0, 0, w, rows)
        ctx.setTransform(g.k, 0, 0, g.k, g.offsetX - left, g.offsetY - top)
        const region: PaintRegion = { x: (left - g.offsetX) / g.k, y: (top - g.offsetY) / g.k, width: w / g.k, height: rows / g.k }
        paintTree(ctx, tree, region)
        const pixels = ctx.getImageData(0, 0, w, rows).data
        if (pixels.length !== w * rows * 4) throw new CanvasTooLargeError(w, rows)
        const rowBytes = w * 4
        for (let r = 0; r < rows; r++) band.set(pixels.subarray(r * rowBytes, (r + 1) * rowBytes), r * writer.stride + 1 + left * 4)
        tiles++
      }
      await writer.write(band)
      onProgress?.(Math.min(1, (top + rows) / height))
      // Let the page breathe between bands: the export of a huge diagram takes seconds.
      await nextTask()
    }
    return { png: await writer.finish(), width, height, tiles }
  } finally {
    for (const canvas of canvases) canvas.width = canvas.height = 0
  }
}
