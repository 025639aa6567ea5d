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

function paintRect(ctx: CanvasRenderingContext2D, node: SvgNode, inherited: Inherited): void {
  const a = node.attrs
  const x = num(a.x, 0)
  const y = num(a.y, 0)
  const width = num(a.width, 0)
  const height = num(a.height, 0)
  if (width <= 0 || height <= 0) return
  const rx = Math.min(num(a.rx, 0), width / 2, height / 2)
  const fill = a.fill === undefined ? inherited.fill : String(a.fill)
  const stroke = a.stroke === undefined ? 'none' : String(a.stroke)
  const alpha = inherited.alpha * num(a.opacity, 1)
  ctx.globalAlpha = alpha
  ctx.beginPath()
  if (rx > 0) ctx.roundRect(x, y, width, height, rx)
  else ctx.rect(x, y, width, height)
  if (fill !== 'none') {
    ctx.fillStyle = fill
    ctx.fill()
  }
  if (stroke !== 'none') strokeCurrent(ctx, a, stroke)
}

function strokeCurrent(ctx: CanvasRenderingContext2D, a: SvgNode['attrs'], stroke: string, path?: Path2D): void {
  ctx.strokeStyle = stroke
  ctx.lineWidth = num(a['stroke-width'], 1)
  ctx.lineCap = (a['stroke-linecap'] as CanvasLineCap | undefined) ?? 'butt'
  ctx.lineJoin = (a['stroke-linejoin'] as CanvasLineJoin | undefined) ?? 'miter'
  const dash = dashes(a['stroke-dasharray'])
  if (dash.length) ctx.setLineDash(dash)
  if (path) ctx.stroke(path)
  else ctx.stroke()
  if (dash.length) ctx.setLineDash([])
}

function paintPath(ctx: CanvasRenderingContext2D, node: SvgNode, inherited: Inherited): void {
  const a = node.attrs
  const d = a.d
  if (typeof d !== 'string' || d === '') return
  const path = new Path2D(d)
  ctx.globalAlpha = inherited.alpha * num(a.opacity, 1)
  const fill = a.fill === undefined ? inherited.fill : String(a.fill)
  if (fill !== 'none') {
    ctx.fillStyle = fill
    ctx.fill(path)
  }
  if (a.stroke !== undefined && a.stroke !== 'none') strokeCurrent(ctx, a, String(a.stroke), path)
}

const ALIGN: Record<string, CanvasTextAlign> = { start: 'left', middle: 'center', end: 'right' }

function paintText(ctx: CanvasRenderingContext2D, node: SvgNode, inherited: Inherited): void {
  const text = node.text
  if (!text) return
  const a = node.attrs
  const size = num(a['font-size'], 16)
  const weight = a['font-weight'] === undefined ? '400' : String(a['font-weight'])
  const style = a['font-style'] === 'italic' ? 'italic ' : ''
  const family = a['font-family'] === undefined ? inherited.fontFamily : String(a['font-family'])
  ctx.font = `${style}${weight} ${size}px ${family}`
  ctx.textAlign = ALIGN[String(a['text-anchor'] ?? 'start')] ?? 'left'
  ctx.globalAlpha = inherited.alpha * num(a.opacity, 1)
  const x = num(a.x, 0)
  const y = num(a.y, 0)
  if (a.stroke !== undefined && a.stroke !== 'none') {
    // paint-order="stroke": the halo goes under the letters.
    ctx.strokeStyle = String(a.stroke)
    ctx.lineWidth = num(a['stroke-width'], 1)
    ctx.lineJoin = (a['stroke-linejoin'] as CanvasLineJoin | undefined) ?? 'miter'
    ctx.strokeText(text, x, y)
  }
  const fill = a.fill === undefined ? inherited.fill : String(a.fill)
  if (fill !== 'none') {
    ctx.fillStyle = fill
    ctx.fillText(text, x, y)
  }
}

function paintNode(ctx: CanvasRenderingContext2D, node: SvgNode, inherited: Inherited, region: PaintRegion | null, dx: number, dy: number): void {
  switch (node.tag) {
    case 'rect':
      paintRect(ctx, node, inherited)
      return
    case 'path':
      paintPath(ctx, node, inherited)
      return
    case 'text':
      paintText(ctx, node, inherited)
      return
    case 'title':
      return
    case 'g':
    case 'svg': {
      if (outside(node, region, dx, dy)) return
      const a = node.attrs
      const next: Inherited = {
        fill: a.fill === undefined ? inherited.fill : String(a.fill),
        fontFamily: a['font-family'] === undefined ? inherited.fontFamily : String(a['font-family']),
        alpha: inherited.alpha * num(a.opacity, 1),
      }
      const at = node.tag === 'g' ? translation(a.transform) : null
      if (at) {
        ctx.save()
        ctx.translate(at[0], at[1])
      }
      const [cx, cy] = at ? [dx + at[0], dy + at[1]] : [dx, dy]
      for (const child of node.children) paintNode(ctx, child, next, region, cx, cy)
      if (at) ctx.restore()
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
  const inherited: Inherited = { fill: '#000000', fontFamily: 'sans-serif', alpha: 1 }
  paintNode(ctx, root, inherited, region, 0, 0)
  ctx.globalAlpha = 1
}
