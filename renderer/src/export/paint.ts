/**
 * Paints the diagram's SVG tree (markup.ts) onto a 2D canvas, element by element.
 *
 * Why not draw the serialised SVG through an <img>: measured in Chromium on the
 * 1000-container diagram (16044 × 3410 px), parsing, styling and laying out the SVG
 * document before the first pixel took 300–600 ms and painting it another 300–600 ms;
 * these canvas calls draw the same tree in a fraction of that, which is what keeps a PNG
 * export of that diagram under a second. The tree is the one the screen and the SVG
 * export use, so the picture is the same; only the rasteriser differs.
 *
 * Supports exactly what markup.ts emits: <g> (translate, opacity, inherited fill and
 * font), <rect> (rx, dashes), <path>, <text> (anchor, weight, style, halo stroke painted
 * first), <title> (skipped). A unit test keeps the two in step.
 */
import type { SvgNode } from '../diagram/markup'

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

/**
 * The context's state as last set: Chromium parses every font and colour string it is
 * given, and thousands of boxes repeat the same few, so only changes are passed on.
 */
class Pen {
  private font = ''
  private fill = ''
  private stroke = ''
  private alpha = 1
  private align: CanvasTextAlign = 'start'
  private width = 1

  constructor(readonly ctx: CanvasRenderingContext2D) {
    ctx.globalAlpha = 1
    ctx.textAlign = 'start'
    ctx.lineWidth = 1
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
}

/** Elements and attributes the painter understands; anything else in the tree is a bug in one of the two. */
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

function dashes(value: string | number | undefined): number[] {
  if (value === undefined) return []
  return String(value)
    .trim()
    .split(/[\s,]+/)
    .map(Number)
    .filter((n) => Number.isFinite(n) && n >= 0)
}

/** Vertical extent an element declares (`data-extent="top bottom"`), to skip it when it misses the region. */
function outside(node: SvgNode, region: PaintRegion | null, dx: number, dy: number): boolean {
  if (!region) return false
  const extent = node.attrs['data-extent']
  if (typeof extent === 'string') {
    const space = extent.indexOf(' ')
    const top = Number(extent.slice(0, space))
    const bottom = Number(extent.slice(space + 1))
    if (bottom < region.y || top > region.y + region.height) return true
  }
  // A node box: its translation and its first rect give its horizontal extent.
  if ('data-node-id' in node.attrs) {
    const at = translation(node.attrs.transform)
    const box = node.children[0]
    if (at && box?.tag === 'rect') {
      const left = at[0] + dx - 4
      const right = left + num(box.attrs.width, 0) + 8
      if (right < region.x || left > region.x + region.width) return true
    }
  }
  return false
}

function paintRect(pen: Pen, node: SvgNode, inherited: Inherited): void {
  const a = node.attrs
  const width = num(a.width, 0)
  const height = num(a.height, 0)
  if (width <= 0 || height <= 0) return
  const x = num(a.x, 0)
  const y = num(a.y, 0)
  const rx = Math.min(num(a.rx, 0), width / 2, height / 2)
  const fill = a.fill === undefined ? inherited.fill : String(a.fill)
  const stroke = a.stroke === undefined ? 'none' : String(a.stroke)
  const ctx = pen.ctx
  pen.setAlpha(inherited.alpha * num(a.opacity, 1))
  ctx.beginPath()
  if (rx > 0) ctx.roundRect(x, y, width, height, rx)
  else ctx.rect(x, y, width, height)
  if (fill !== 'none') {
    pen.setFill(fill)
    ctx.fill()
  }
  if (stroke !== 'none') strokeCurrent(pen, a, stroke)
}

function strokeCurrent(pen: Pen, a: SvgNode['attrs'], stroke: string, path?: Path2D): void {
  const ctx = pen.ctx
  pen.setStroke(stroke)
  pen.setLineWidth(num(a['stroke-width'], 1))
  ctx.lineCap = (a['stroke-linecap'] as CanvasLineCap | undefined) ?? 'butt'
  ctx.lineJoin = (a['stroke-linejoin'] as CanvasLineJoin | undefined) ?? 'miter'
  const dash = dashes(a['stroke-dasharray'])
  if (dash.length) ctx.setLineDash(dash)
  if (path) ctx.stroke(path)
  else ctx.stroke()
  if (dash.length) ctx.setLineDash([])
}

function paintPath(pen: Pen, node: SvgNode, inherited: Inherited): void {
  const a = node.attrs
  const d = a.d
  if (typeof d !== 'string' || d === '') return
  const path = new Path2D(d)
  pen.setAlpha(inherited.alpha * num(a.opacity, 1))
  const fill = a.fill === undefined ? inherited.fill : String(a.fill)
  if (fill !== 'none') {
    pen.setFill(fill)
    pen.ctx.fill(path)
  }
  if (a.stroke !== undefined && a.stroke !== 'none') strokeCurrent(pen, a, String(a.stroke), path)
}

const ALIGN: Record<string, CanvasTextAlign> = { start: 'start', middle: 'center', end: 'end' }

function paintText(pen: Pen, node: SvgNode, inherited: Inherited): void {
  const text = node.text
  if (!text) return
  const a = node.attrs
  const size = num(a['font-size'], 16)
  const weight = a['font-weight'] === undefined ? '400' : String(a['font-weight'])
  const style = a['font-style'] === 'italic' ? 'italic ' : ''
  const family = a['font-family'] === undefined ? inherited.fontFamily : String(a['font-family'])
  pen.setFont(`${style}${weight} ${size}px ${family}`)
  pen.setAlign(ALIGN[String(a['text-anchor'] ?? 'start')] ?? 'start')
  pen.setAlpha(inherited.alpha * num(a.opacity, 1))
  const x = num(a.x, 0)
  const y = num(a.y, 0)
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
      paintRect(pen, node, inherited)
      return
    case 'path':
      paintPath(pen, node, inherited)
      return
    case 'text':
      paintText(pen, node, inherited)
      return
    case 'title':
      return
    case 'g':
    case 'svg': {
      if (outside(node, region, dx, dy)) return
      const a = node.attrs
      const next: Inherited =
        a.fill === undefined && a['font-family'] === undefined && a.opacity === undefined
          ? inherited
          : {
              fill: a.fill === undefined ? inherited.fill : String(a.fill),
              fontFamily: a['font-family'] === undefined ? inherited.fontFamily : String(a['font-family']),
              alpha: inherited.alpha * num(a.opacity, 1),
            }
      const at = node.tag === 'g' ? translation(a.transform) : null
      if (at) pen.ctx.translate(at[0], at[1])
      const [cx, cy] = at ? [dx + at[0], dy + at[1]] : [dx, dy]
      for (const child of node.children) paintNode(pen, child, next, region, cx, cy)
      if (at) pen.ctx.translate(-at[0], -at[1])
      return
    }
    default:
      throw new Error(`The PNG painter does not know <${node.tag}>: teach renderer/src/export/paint.ts about it.`)
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
  ctx.globalAlpha = 1
}
