/**
 * Paints the diagram's SVG tree (markup.ts) onto a 2D canvas. Two users: the PNG export
 * (renderer/src/export) and the on-screen overview of a large diagram zoomed out
 * (BridgeDiagram.vue), both from the very tree the SVG is made of, so the pictures agree.
 *
 * Why not draw the serialised SVG through an <img>: measured in Chromium on the
 * 1000-container diagram (16044 × 3410 px), parsing, styling and laying out the SVG
 * document before the first pixel took 300–600 ms and painting it another 300–600 ms;
 * these canvas calls draw the same tree in a fraction of that.
 *
 * Consecutive shapes with the same paint are batched into one path and filled or stroked
 * once (thousands of boxes share a handful of styles); anything drawn over them (text)
 * flushes the batch first, so the stacking order stays the SVG's. The lines layer is
 * batched by style whatever the order (bridge-to-veth and veth-to-container lines
 * alternate, and never overlap one another).
 *
 * Supports exactly what markup.ts emits: <g> (translate, opacity, inherited fill and
 * font), <rect> (rx, dashes), <path>, <text> (anchor, weight, style, halo stroke painted
 * first), <title> (skipped). test/unit/export/paint.test.ts keeps the two in step.
 */
import type { Bounds, DiagramLayout } from './layout'
import { groupMarkup, linkBox, linkPaintAttrs, nodeBoxAttrs, nodeMarkup, type SvgNode } from './markup'
import { FONT_SANS } from './metrics'
import { paletteFor, type DiagramTheme } from './theme'

/** A region in diagram units: only what reaches it is painted. */
export interface PaintRegion {
  x: number
  y: number
  width: number
  height: number
}

interface Inherited {
  fill: string
  fontFamily: string
  alpha: number
}

/** How a batch of shapes is painted; shapes join a batch only when all of this is equal. */
interface ShapeStyle {
  fill: string
  stroke: string
  lineWidth: number
  dash: string
  cap: CanvasLineCap
  join: CanvasLineJoin
  alpha: number
}

const sameStyle = (a: ShapeStyle, b: ShapeStyle): boolean =>
  a.fill === b.fill && a.stroke === b.stroke && a.lineWidth === b.lineWidth && a.dash === b.dash && a.cap === b.cap && a.join === b.join && a.alpha === b.alpha

const styleKey = (s: ShapeStyle): string => `${s.fill}|${s.stroke}|${s.lineWidth}|${s.dash}|${s.cap}|${s.join}|${s.alpha}`

interface Batch {
  style: ShapeStyle
  path: Path2D | null
  /** Path data, joined into one Path2D when painted (one parse instead of thousands). */
  data: string[]
}

/**
 * The context's state as last set (Chromium parses every font and colour string it is
 * given, and thousands of boxes repeat the same few), and the shapes not yet painted.
 */
class Pen {
  private font = ''
  private fill = ''
  private stroke = ''
  private alpha = 1
  private align: CanvasTextAlign = 'start'
  private width = 1
  private batch: Batch | null = null
  /** While painting a layer whose order does not matter: one batch per style. */
  private unordered: Map<string, Batch> | null = null
  /** Device pixels per diagram unit: corners smaller than a pixel are not worth rounding. */
  readonly pixelScale: number

  constructor(readonly ctx: CanvasRenderingContext2D) {
    const m = ctx.getTransform()
    this.pixelScale = Math.hypot(m.a, m.b)
    ctx.globalAlpha = 1
    ctx.textAlign = 'start'
    ctx.lineWidth = 1
    ctx.setLineDash([])
  }

  setFont(font: string): void {
    if (font !== this.font) this.ctx.font = this.font = font
  }

  setFill(fill: string): void {
    if (fill !== this.fill) this.ctx.fillStyle = this.fill = fill
  }

  setStroke(stroke: string): void {
    if (stroke !== this.stroke) this.ctx.strokeStyle = this.stroke = stroke
  }

  setAlpha(alpha: number): void {
    if (alpha !== this.alpha) this.ctx.globalAlpha = this.alpha = alpha
  }

  setAlign(align: CanvasTextAlign): void {
    if (align !== this.align) this.ctx.textAlign = this.align = align
  }

  setLineWidth(width: number): void {
    if (width !== this.width) this.ctx.lineWidth = this.width = width
  }

  private batchFor(style: ShapeStyle): Batch {
    if (this.unordered) {
      const key = styleKey(style)
      let batch = this.unordered.get(key)
      if (!batch) this.unordered.set(key, (batch = { style, path: null, data: [] }))
      return batch
    }
    if (!this.batch || !sameStyle(this.batch.style, style)) {
      this.flush()
      this.batch = { style, path: null, data: [] }
    }
    return this.batch
  }

  /** The path to add a shape painted with `style` to (the current batch when it matches). */
  shapePath(style: ShapeStyle): Path2D {
    const batch = this.batchFor(style)
    return (batch.path ??= new Path2D())
  }

  /** Adds SVG path data, in root coordinates, to the batch painted with `style`. */
  shapeData(style: ShapeStyle, d: string): void {
    this.batchFor(style).data.push(d)
  }

  /** Paints a layer's shapes grouped by style, in the order the styles first appear. */
  beginUnordered(): void {
    this.flush()
    this.unordered = new Map()
  }

  endUnordered(): void {
    const batches = this.unordered
    this.unordered = null
    for (const batch of batches?.values() ?? []) this.paint(batch)
  }

  /** Paints the pending batch: fill first, then stroke, as SVG paints each shape. */
  flush(): void {
    const batch = this.batch
    this.batch = null
    if (batch) this.paint(batch)
  }

  private paint(batch: Batch): void {
    const style = batch.style
    let path = batch.path
    if (batch.data.length) {
      const data = new Path2D(batch.data.join(''))
      if (path) path.addPath(data)
      else path = data
    }
    if (!path) return
    this.setAlpha(style.alpha)
    if (style.fill !== 'none') {
      this.setFill(style.fill)
      this.ctx.fill(path)
    }
    if (style.stroke !== 'none') {
      this.setStroke(style.stroke)
      this.setLineWidth(style.lineWidth)
      this.ctx.lineCap = style.cap
      this.ctx.lineJoin = style.join
      if (style.dash) this.ctx.setLineDash(dashes(style.dash))
      this.ctx.stroke(path)
      if (style.dash) this.ctx.setLineDash([])
    }
  }
}

/** Elements the painter understands; anything else in the tree is a bug in one of the two. */
export const PAINTED_TAGS = new Set(['svg', 'g', 'rect', 'path', 'text', 'title'])

const num = (value: string | number | undefined, fallback: number): number => {
  if (value === undefined) return fallback
  const n = typeof value === 'number' ? value : Number.parseFloat(value)
  return Number.isFinite(n) ? n : fallback
}

const TRANSLATE = /^translate\(\s*(-?[\d.]+)[\s,]+(-?[\d.]+)\s*\)$/

function translation(transform: string | number | undefined): [number, number] | null {
  if (typeof transform !== 'string') return null
  const match = TRANSLATE.exec(transform)
  return match ? [Number(match[1]), Number(match[2])] : null
}

function dashes(value: string): number[] {
  return value
    .trim()
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n) && n >= 0)
}

/** Vertical extent an element declares (`data-extent="top bottom"`), to skip it when it misses the region. */
function outside(node: SvgNode, region: PaintRegion | null, at: [number, number] | null, dx: number): boolean {
  if (!region) return false
  const extent = node.attrs['data-extent']
  if (typeof extent === 'string') {
    const space = extent.indexOf(' ')
    const top = Number(extent.slice(0, space))
    const bottom = Number(extent.slice(space + 1))
    if (bottom < region.y || top > region.y + region.height) return true
  }
  // A node box: its translation and its first rect give its horizontal extent.
  const box = node.children[0]
  if (at && box?.tag === 'rect' && 'data-node-id' in node.attrs) {
    const left = at[0] + dx - 4
    const right = left + num(box.attrs.width, 0) + 8
    if (right < region.x || left > region.x + region.width) return true
  }
  return false
}

function shapeStyle(a: SvgNode['attrs'], inherited: Inherited): ShapeStyle {
  return {
    fill: a.fill === undefined ? inherited.fill : String(a.fill),
    stroke: a.stroke === undefined ? 'none' : String(a.stroke),
    lineWidth: num(a['stroke-width'], 1),
    dash: a['stroke-dasharray'] === undefined ? '' : String(a['stroke-dasharray']),
    cap: (a['stroke-linecap'] as CanvasLineCap | undefined) ?? 'butt',
    join: (a['stroke-linejoin'] as CanvasLineJoin | undefined) ?? 'miter',
    alpha: inherited.alpha * num(a.opacity, 1),
  }
}

function paintRect(pen: Pen, node: SvgNode, inherited: Inherited, dx: number, dy: number): void {
  const a = node.attrs
  const width = num(a.width, 0)
  const height = num(a.height, 0)
  if (width <= 0 || height <= 0) return
  const style = shapeStyle(a, inherited)
  if (style.fill === 'none' && style.stroke === 'none') return
  const x = num(a.x, 0) + dx
  const y = num(a.y, 0) + dy
  const rx = Math.min(num(a.rx, 0), width / 2, height / 2)
  const path = pen.shapePath(style)
  if (rx * pen.pixelScale >= 0.75) path.roundRect(x, y, width, height, rx)
  else path.rect(x, y, width, height)
}

function paintPath(pen: Pen, node: SvgNode, inherited: Inherited, dx: number, dy: number): void {
  const a = node.attrs
  const d = a.d
  if (typeof d !== 'string' || d === '') return
  const style = shapeStyle(a, inherited)
  if (style.fill === 'none' && style.stroke === 'none') return
  if (dx === 0 && dy === 0) pen.shapeData(style, d)
  else pen.shapePath(style).addPath(new Path2D(d), new DOMMatrix([1, 0, 0, 1, dx, dy]))
}

const ALIGN: Record<string, CanvasTextAlign> = { start: 'start', middle: 'center', end: 'end' }

function paintText(pen: Pen, node: SvgNode, inherited: Inherited, dx: number, dy: number): void {
  const text = node.text
  if (!text) return
  // Text lies over the shapes before it: paint them first.
  pen.flush()
  const a = node.attrs
  const size = num(a['font-size'], 16)
  const weight = a['font-weight'] === undefined ? '400' : String(a['font-weight'])
  const style = a['font-style'] === 'italic' ? 'italic ' : ''
  const family = a['font-family'] === undefined ? inherited.fontFamily : String(a['font-family'])
  pen.setFont(`${style}${weight} ${size}px ${family}`)
  pen.setAlign(ALIGN[String(a['text-anchor'] ?? 'start')] ?? 'start')
  pen.setAlpha(inherited.alpha * num(a.opacity, 1))
  const x = num(a.x, 0) + dx
  const y = num(a.y, 0) + dy
  const ctx = pen.ctx
  if (a.stroke !== undefined && a.stroke !== 'none') {
    // paint-order="stroke": the halo goes under the letters.
    pen.setStroke(String(a.stroke))
    pen.setLineWidth(num(a['stroke-width'], 1))
    ctx.lineJoin = (a['stroke-linejoin'] as CanvasLineJoin | undefined) ?? 'miter'
    ctx.strokeText(text, x, y)
  }
  const fill = a.fill === undefined ? inherited.fill : String(a.fill)
  if (fill !== 'none') {
    pen.setFill(fill)
    ctx.fillText(text, x, y)
  }
}

function paintNode(pen: Pen, node: SvgNode, inherited: Inherited, region: PaintRegion | null, dx: number, dy: number): void {
  switch (node.tag) {
    case 'rect':
      paintRect(pen, node, inherited, dx, dy)
      return
    case 'path':
      paintPath(pen, node, inherited, dx, dy)
      return
    case 'text':
      paintText(pen, node, inherited, dx, dy)
      return
    case 'title':
      return
    case 'g':
    case 'svg': {
      const a = node.attrs
      const at = node.tag === 'g' ? translation(a.transform) : null
      if (outside(node, region, at, dx)) return
      const next: Inherited =
        a.fill === undefined && a['font-family'] === undefined && a.opacity === undefined
          ? inherited
          : {
              fill: a.fill === undefined ? inherited.fill : String(a.fill),
              fontFamily: a['font-family'] === undefined ? inherited.fontFamily : String(a['font-family']),
              alpha: inherited.alpha * num(a.opacity, 1),
            }
      const cx = at ? dx + at[0] : dx
      const cy = at ? dy + at[1] : dy
      const unordered = a['data-layer'] === 'links'
      if (unordered) pen.beginUnordered()
      for (const child of node.children) paintNode(pen, child, next, region, cx, cy)
      if (unordered) pen.endUnordered()
      return
    }
    default:
      throw new Error(`The painter does not know <${node.tag}>: teach renderer/src/diagram/paint.ts about it.`)
  }
}

/**
 * Paints `root` (a whole <svg> tree or any subtree) with the context's current transform
 * mapping diagram units to pixels. With a region, skips what lies wholly outside it.
 */
export function paintTree(ctx: CanvasRenderingContext2D, root: SvgNode, region: PaintRegion | null = null): void {
  ctx.textBaseline = 'alphabetic'
  const pen = new Pen(ctx)
  const inherited: Inherited = { fill: '#000000', fontFamily: 'sans-serif', alpha: 1 }
  paintNode(pen, root, inherited, region, 0, 0)
  pen.flush()
  ctx.globalAlpha = 1
}

/** Node kinds whose first label line the overview still draws (as the low-detail markup does). */
const TITLED = new Set(['bridge', 'outside', 'nic'])

const overlaps = (a: Bounds, b: { x: number; y: number; width: number; height: number }): boolean =>
  b.x < a.x + a.width && b.x + b.width > a.x && b.y < a.y + a.height && b.y + b.height > a.y

/**
 * The diagram without labels (what markup draws at low detail), painted straight from the
 * layout: the thousands of boxes and lines of a large diagram go into a few batched paths
 * with the markup's own paint (nodeBoxAttrs, linkPaintAttrs), without building and then
 * walking an SVG tree for them. The few boxes that keep a title, and the group frames,
 * are painted from their markup. Returns how many boxes it painted.
 */
export function paintOverview(ctx: CanvasRenderingContext2D, layout: DiagramLayout, theme: DiagramTheme, region: Bounds | null = null): number {
  ctx.textBaseline = 'alphabetic'
  const pen = new Pen(ctx)
  const palette = paletteFor(theme)
  const dim = layout.matches.length > 0
  const root: Inherited = { fill: '#000000', fontFamily: FONT_SANS, alpha: 1 }
  const lines: Inherited = { ...root, fill: 'none' }
  const shown = (r: { x: number; y: number; width: number; height: number }): boolean => region === null || overlaps(region, r)
  for (const g of layout.groups) if (shown(g)) paintNode(pen, groupMarkup(g, palette, 'low'), root, null, 0, 0)
  pen.beginUnordered()
  for (const l of layout.links) {
    if (!shown(linkBox(l))) continue
    const a = linkPaintAttrs(l, palette, dim)
    pen.shapeData(shapeStyle(a, lines), String(a.d))
  }
  pen.endUnordered()
  let painted = 0
  for (const n of layout.nodes) {
    if (!shown(n)) continue
    painted++
    if (TITLED.has(n.kind)) {
      paintNode(pen, nodeMarkup(n, palette, 'low', dim), root, null, 0, 0)
      continue
    }
    paintRect(pen, { tag: 'rect', attrs: nodeBoxAttrs(n, palette), children: [] }, dim && !n.match ? { ...root, alpha: 0.45 } : root, n.x, n.y)
  }
  pen.flush()
  ctx.globalAlpha = 1
  return painted
}
