/**
 * Diagram export on the Node side: the renderer sends the self-contained SVG it drew;
 * this writes it as is, or rasterises it with resvg for PNG, so the picture's size is not
 * limited by a browser canvas.
 *
 * A picture over STRIP_PIXELS is rendered in horizontal strips streamed into one PNG, so
 * memory stays near one strip whatever the diagram size. Our own SVG (marked
 * `data-bridgeview`) gives every drawable a `data-extent`, and each strip is parsed with
 * only the drawables that reach it: resvg's cost is mostly parsing (laying out text), so a
 * strip costs its share of the picture, not all of it. MAX_PNG_PIXELS and MAX_PNG_SIDE bound
 * what a user can ask for.
 */
import { Resvg, renderAsync, type RenderedImage, type ResvgRenderOptions } from '@resvg/resvg-js'
import { rename, unlink, writeFile } from 'node:fs/promises'
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib'
import { BridgeviewError } from '../../shared/errors'
import { PNG_EXPORT_LIMITS, type ExportRequest, type SavedFile } from '../../shared/types'

/** Largest PNG we produce, in pixels (≈ 1 GB of RGBA if it were held at once). */
export const MAX_PNG_PIXELS = PNG_EXPORT_LIMITS.maxPixels
/** Longest PNG side: image viewers and editors commonly refuse more. */
export const MAX_PNG_SIDE = PNG_EXPORT_LIMITS.maxSide
/** Pixels rendered per strip when a picture is too big to render in one go (32 MB of RGBA). */
export const STRIP_PIXELS = 8_000_000

/** The size limits; tests narrow them to exercise strips and refusals on small pictures. */
export interface RasterLimits {
  maxPixels: number
  maxSide: number
  stripPixels: number
}

const DEFAULT_LIMITS: RasterLimits = { maxPixels: MAX_PNG_PIXELS, maxSide: MAX_PNG_SIDE, stripPixels: STRIP_PIXELS }

export interface SvgSize {
  width: number
  height: number
}

export interface RasterResult {
  png: Buffer
  width: number
  height: number
}

const ROOT_TAG = /<svg\b[^>]*>/

/** Reads the width and height of an SVG from its root element (falling back to its viewBox). */
export function svgSize(svg: string): SvgSize {
  const root = rootTag(svg)
  const width = lengthAttr(root, 'width')
  const height = lengthAttr(root, 'height')
  const viewBox = viewBoxOf(root)
  const size = { width: width ?? viewBox?.[2] ?? NaN, height: height ?? viewBox?.[3] ?? NaN }
  if (!(size.width > 0 && size.height > 0)) {
    throw new BridgeviewError('INVALID_ARGUMENT', 'The SVG has no usable width and height (nor a viewBox).', { reason: 'SVG_NO_SIZE' })
  }
  return size
}

/** Font settings that resolve on the platform at hand, so text never silently disappears. */
export function fontOptions(platform: NodeJS.Platform = process.platform): NonNullable<ResvgRenderOptions['font']> {
  if (platform === 'darwin') return { loadSystemFonts: true, defaultFontFamily: 'Helvetica', sansSerifFamily: 'Helvetica', monospaceFamily: 'Menlo' }
  if (platform === 'win32') return { loadSystemFonts: true, defaultFontFamily: 'Arial', sansSerifFamily: 'Arial', monospaceFamily: 'Consolas' }
  // Debian and Ubuntu: the diagram asks for Liberation (fonts-liberation) and falls back to
  // DejaVu (fonts-dejavu-core), one of which nearly every desktop and our CI image has.
  return { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'Liberation Sans', monospaceFamily: 'Liberation Mono' }
}

/** One resvg render: the SVG to parse, and the options to render it with. */
interface RenderJob {
  svg: string
  options: ResvgRenderOptions
}

/** What to render: one job for the whole picture, or one per strip of rows. */
type RasterPlan =
  | { width: number; height: number; whole: RenderJob }
  | { width: number; height: number; strips: Array<{ rows: number; job: () => RenderJob }> }

function planRaster(svg: string, scale: 1 | 2 | 3, limits: Partial<RasterLimits>): RasterPlan {
  const { maxPixels, maxSide, stripPixels } = { ...DEFAULT_LIMITS, ...limits }
  const size = svgSize(svg)
  const width = Math.ceil(size.width * scale)
  const height = Math.ceil(size.height * scale)
  checkPngSize(width, height, scale, maxPixels, maxSide)
  const font = fontOptions()
  if (width * height <= stripPixels) {
    return { width, height, whole: { svg, options: { fitTo: { mode: 'zoom', value: scale }, font, logLevel: 'off' } } }
  }
  const root = rootTag(svg)
  const [vx, vy, vw, vh] = viewBoxOf(root) ?? [0, 0, size.width, size.height]
  const cullable = /\sdata-bridgeview="diagram"/.test(root)
  const unitsPerRow = vh / height
  const rowsPerStrip = Math.max(1, Math.floor(stripPixels / width))
  const strips: Array<{ rows: number; job: () => RenderJob }> = []
  for (let top = 0; top < height; top += rowsPerStrip) {
    const rows = Math.min(rowsPerStrip, height - top)
    const y0 = vy + top * unitsPerRow
    const y1 = y0 + rows * unitsPerRow
    strips.push({
      rows,
      job: () => {
        const stripRoot = withAttributes(root, {
          width: String(width),
          height: String(rows),
          viewBox: `${vx} ${y0} ${vw} ${y1 - y0}`,
          preserveAspectRatio: 'none',
        })
        const body = svg.replace(root, stripRoot)
        return { svg: cullable ? cullOutside(body, y0, y1) : body, options: { fitTo: { mode: 'original' }, font, logLevel: 'off' } }
      },
    })
  }
  return { width, height, strips }
}

const DRAWABLE = /<(g|path|text)\b[^>]*?\sdata-extent="(-?[\d.]+) (-?[\d.]+)"[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g

/** Leaves out the drawables whose data-extent lies wholly above or below [top, bottom). */
function cullOutside(svg: string, top: number, bottom: number): string {
  return svg.replace(DRAWABLE, (element: string, _tag: string, from: string, to: string) =>
    Number(to) < top || Number(from) > bottom ? '' : element,
  )
}

/**
 * Rasterises an SVG at `scale` device pixels per SVG pixel, blocking the thread; see
 * {@link rasterizeSvgAsync} for the version that renders on libuv's thread pool. Refuses
 * (OPERATION_REFUSED, detail.reason EXPORT_TOO_LARGE) a PNG over MAX_PNG_PIXELS or
 * MAX_PNG_SIDE, naming the size it would have had and what to do instead.
 */
export function rasterizeSvg(svg: string, scale: 1 | 2 | 3, limits: Partial<RasterLimits> = {}): RasterResult {
  const plan = planRaster(svg, scale, limits)
  if ('whole' in plan) {
    const image = new Resvg(plan.whole.svg, plan.whole.options).render()
    return { png: image.asPng(), width: image.width, height: image.height }
  }
  const png = new PngStripWriter(plan.width, plan.height)
  for (const strip of plan.strips) {
    const job = strip.job()
    png.addStrip(new Resvg(job.svg, job.options).render(), strip.rows)
  }
  return { png: png.finish(), width: plan.width, height: plan.height }
}

/** As {@link rasterizeSvg}, with parsing and rendering off the calling thread (Electron's main stays responsive). */
export async function rasterizeSvgAsync(svg: string, scale: 1 | 2 | 3, limits: Partial<RasterLimits> = {}): Promise<RasterResult> {
  const plan = planRaster(svg, scale, limits)
  if ('whole' in plan) {
    const image = await renderAsync(plan.whole.svg, plan.whole.options)
    return { png: image.asPng(), width: image.width, height: image.height }
  }
  const png = new PngStripWriter(plan.width, plan.height)
  for (const strip of plan.strips) {
    const job = strip.job()
    png.addStrip(await renderAsync(job.svg, job.options), strip.rows)
  }
  return { png: png.finish(), width: plan.width, height: plan.height }
}

/**
 * The pixel size of an encoded PNG from its IHDR chunk, refusing (INVALID_ARGUMENT) what
 * is not a PNG and (OPERATION_REFUSED) what is larger than Bridgeview writes.
 */
export function pngSize(png: Buffer, limits: Partial<RasterLimits> = {}): SvgSize {
  const { maxPixels, maxSide } = { ...DEFAULT_LIMITS, ...limits }
  const isPng = png.length >= 33 && png.subarray(0, 8).equals(PNG_SIGNATURE) && png.readUInt32BE(8) === 13 && png.toString('ascii', 12, 16) === 'IHDR'
  if (!isPng) throw new BridgeviewError('INVALID_ARGUMENT', 'This is not a PNG file: no PNG signature and IHDR chunk.', { reason: 'PNG_INVALID' })
  const ihdrCrc = crc32(png.subarray(12, 29)) >>> 0
  if (png.readUInt32BE(29) !== ihdrCrc) throw new BridgeviewError('INVALID_ARGUMENT', 'This PNG file is damaged: its IHDR checksum is wrong.', { reason: 'PNG_INVALID' })
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  if (width === 0 || height === 0) throw new BridgeviewError('INVALID_ARGUMENT', 'This PNG file has no pixels.', { reason: 'PNG_INVALID' })
  checkPngSize(width, height, 1, maxPixels, maxSide)
  return { width, height }
}

function checkPngSize(width: number, height: number, scale: number, maxPixels: number, maxSide: number): void {
  const pixels = width * height
  if (pixels <= maxPixels && width <= maxSide && height <= maxSide) return
  const mpx = (n: number): string => `${Math.round(n / 1e6)} megapixels`
  const why = width > maxSide || height > maxSide ? `a side longer than ${maxSide} pixels` : `more than the ${mpx(maxPixels)} limit`
  throw new BridgeviewError(
    'OPERATION_REFUSED',
    `A PNG of this diagram at ${scale}× would be ${width} × ${height} pixels (${mpx(pixels)}), ${why}. ` +
      'Export at a smaller scale, export only the current view, or export SVG, which has no size limit.',
    { reason: 'EXPORT_TOO_LARGE', width, height, scale, pixels, maxPixels, maxSide },
  )
}

/**
 * Writes a PNG strip by strip: each strip's rows are deflated on their own and ended with
 * a sync flush, so the pieces concatenate into one valid zlib stream.
 */
class PngStripWriter {
  private readonly chunks: Buffer[]
  private readonly rowBytes: number
  private adler = 1
  private written = 0

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.rowBytes = width * 4 + 1
    this.chunks = [PNG_SIGNATURE, pngChunk('IHDR', ihdr(width, height)), pngChunk('IDAT', Buffer.from([0x78, 0x01]))]
  }

  addStrip(image: RenderedImage, rows: number): void {
    const pixels = image.pixels
    const stride = image.width * 4
    // A strip may come out a pixel short from rounding; missing pixels stay transparent.
    const raw = Buffer.alloc(rows * this.rowBytes)
    const copyRows = Math.min(rows, image.height)
    const copyBytes = Math.min(this.width * 4, stride)
    for (let r = 0; r < copyRows; r++) pixels.copy(raw, r * this.rowBytes + 1, r * stride, r * stride + copyBytes)
    unpremultiply(raw, this.rowBytes)
    this.adler = adler32(raw, this.adler)
    this.written += rows
    const last = this.written >= this.height
    this.chunks.push(pngChunk('IDAT', deflateRawSync(raw, { level: 4, finishFlush: last ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH })))
  }

  finish(): Buffer {
    const trailer = Buffer.alloc(4)
    trailer.writeUInt32BE(this.adler >>> 0)
    this.chunks.push(pngChunk('IDAT', trailer), pngChunk('IEND', Buffer.alloc(0)))
    return Buffer.concat(this.chunks)
  }
}

/** resvg hands out premultiplied RGBA; PNG stores straight alpha. */
function unpremultiply(raw: Buffer, rowBytes: number): void {
  for (let row = 0; row < raw.length; row += rowBytes) {
    for (let i = row + 1; i < row + rowBytes; i += 4) {
      const a = raw[i + 3]
      if (a === 255 || a === 0) continue
      raw[i] = Math.min(255, Math.round((raw[i] * 255) / a))
      raw[i + 1] = Math.min(255, Math.round((raw[i + 1] * 255) / a))
      raw[i + 2] = Math.min(255, Math.round((raw[i + 2] * 255) / a))
    }
  }
}

function adler32(data: Buffer, previous: number): number {
  let a = previous & 0xffff
  let b = (previous >>> 16) & 0xffff
  let i = 0
  while (i < data.length) {
    const end = Math.min(data.length, i + 5552)
    for (; i < end; i++) {
      a += data[i]
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function ihdr(width: number, height: number): Buffer {
  const b = Buffer.alloc(13)
  b.writeUInt32BE(width, 0)
  b.writeUInt32BE(height, 4)
  b[8] = 8 // bit depth
  b[9] = 6 // RGBA
  return b
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0)
  return Buffer.concat([head, data, crc])
}

function rootTag(svg: string): string {
  const match = ROOT_TAG.exec(svg)
  if (!match) throw new BridgeviewError('INVALID_ARGUMENT', 'This is not SVG markup: no <svg> element.', { reason: 'SVG_NO_ROOT' })
  return match[0]
}

function attr(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag)
  return match ? (match[1] ?? match[2]) : null
}

function lengthAttr(tag: string, name: string): number | null {
  const value = attr(tag, name)
  if (value === null) return null
  const match = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px)?\s*$/i.exec(value)
  return match ? Number(match[1]) : null
}

function viewBoxOf(tag: string): [number, number, number, number] | null {
  const value = attr(tag, 'viewBox')
  if (value === null) return null
  const parts = value.trim().split(/[\s,]+/).map(Number)
  return parts.length === 4 && parts.every(Number.isFinite) ? (parts as [number, number, number, number]) : null
}

function withAttributes(tag: string, values: Record<string, string>): string {
  let out = tag
  for (const [name, value] of Object.entries(values)) {
    const re = new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`)
    out = re.test(out) ? out.replace(re, ` ${name}="${value}"`) : out.replace(/^<svg\b/, `<svg ${name}="${value}"`)
  }
  return out
}

/**
 * Writes an export to `targetPath`: the SVG text as is, the renderer's PNG as is once its
 * header checks out, or a PNG rasterised from the SVG at the request's scale (off the main
 * thread). Writes to a temporary file first and renames it
 * into place, so a failed export never leaves half a file under the user's name.
 */
export async function saveExport(request: ExportRequest, targetPath: string): Promise<SavedFile> {
  let data: Buffer
  let width: number
  let height: number
  if (request.format === 'svg') {
    const size = svgSize(request.svg)
    data = Buffer.from(request.svg, 'utf8')
    width = size.width
    height = size.height
  } else if (request.png !== undefined) {
    data = Buffer.from(request.png, 'base64')
    ;({ width, height } = pngSize(data))
  } else {
    const raster = await rasterizeSvgAsync(request.svg, request.scale)
    data = raster.png
    width = raster.width
    height = raster.height
  }
  const temporary = `${targetPath}.${process.pid}.part`
  try {
    await writeFile(temporary, data)
    await rename(temporary, targetPath)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
  return { path: targetPath, bytes: data.length, width, height }
}
