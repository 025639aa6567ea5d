/**
 * The diagram as a small virtual SVG tree. The same tree is rendered by Vue (through
 * `h()`) and serialised by {@link toSvgString} for export, so the exported picture is
 * the one on screen. Everything is styled with presentation attributes: no CSS, no
 * external fonts or images, so the string stands alone (resvg, browsers, Inkscape).
 */
import { linkVertical } from 'd3-shape'
import type { Bounds, DiagramGroup, DiagramLayout, DiagramLink, DiagramNode, Legend, PathHighlight } from './layout'
import { BOX_PAD_X, BOX_PAD_Y, FONT_MONO, FONT_SANS, LINE_STYLES, type LabelLine } from './metrics'
import { paletteFor, type DiagramTheme, type Palette } from './theme'

export interface SvgNode {
  tag: string
  attrs: Record<string, string | number>
  children: SvgNode[]
  /** Text content (for <text>, <title>); escaped when serialised. */
  text?: string
  /** Stable key for Vue's keyed diff: the layout id of the node, link or group. */
  key?: string
}

export type DiagramDetail = 'full' | 'low'

export interface MarkupOptions {
  theme: DiagramTheme
  /** `low` drops most text (zoomed far out): boxes, lines and the big titles remain. */
  detail: DiagramDetail
  /** The region to draw, in diagram units; the whole layout by default. */
  viewBox?: Bounds
  /** Pixel size of the SVG; the viewBox size by default (1 unit = 1 px). */
  width?: number
  height?: number
  /** Leave out what lies outside the viewBox (a current-view export, or a huge diagram on screen). */
  cull?: boolean
}

const LINK_WIDTH = 1.6
const CORNER = 8

const round = (n: number): number => Math.round(n * 10) / 10

const el = (tag: string, attrs: SvgNode['attrs'], children: SvgNode[] = [], text?: string, key?: string): SvgNode => {
  const node: SvgNode = { tag, attrs, children }
  if (text !== undefined) node.text = text
  if (key !== undefined) node.key = key
  return node
}

/** The complete, self-contained <svg> tree of a layout. */
export function diagramTree(layout: DiagramLayout, options: MarkupOptions): SvgNode {
  const view = options.viewBox ?? layout.bounds
  const width = Math.max(1, Math.round(options.width ?? view.width))
  const height = Math.max(1, Math.round(options.height ?? view.height))
  const palette = paletteFor(options.theme)
  const children: SvgNode[] = [el('title', {}, [], 'Docker networking diagram (Bridgeview)')]
  if (palette.background) {
    children.push(el('rect', { x: round(view.x), y: round(view.y), width: round(view.width), height: round(view.height), fill: palette.background }))
  }
  children.push(...diagramLayers(layout, { ...options, viewBox: view }))
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `${round(view.x)} ${round(view.y)} ${round(view.width)} ${round(view.height)}`,
      'font-family': FONT_SANS,
      'text-rendering': 'geometricPrecision',
      // Tells the exporter the drawables carry data-extent (see extent()).
      'data-bridgeview': 'diagram',
    },
    children,
  )
}

/**
 * The drawing without the <svg> element and background: group frames, then links, then
 * nodes (so boxes sit on top of the lines that reach them). The Vue component puts these
 * inside its zoomable <g>.
 */
export function diagramLayers(layout: DiagramLayout, options: MarkupOptions): SvgNode[] {
  const palette = paletteFor(options.theme)
  const view = options.cull ? (options.viewBox ?? layout.bounds) : null
  const dimOthers = layout.matches.length > 0
  const visible = (r: { x: number; y: number; width: number; height: number }): boolean =>
    view === null || (r.x < view.x + view.width && r.x + r.width > view.x && r.y < view.y + view.height && r.y + r.height > view.y)

  const groups: SvgNode[] = []
  for (const g of layout.groups) if (visible(g)) groups.push(groupMarkup(g, palette, options.detail))
  const links: SvgNode[] = []
  const labels: SvgNode[] = []
  for (const l of layout.links) {
    if (!visible(linkBox(l))) continue
    links.push(linkMarkup(l, palette, dimOthers))
    if (options.detail === 'full' && l.label && l.labelAt) labels.push(haloText(l.label, l.labelAt[0], l.labelAt[1], 10.5, palette.ink.muted, palette, `label:${l.id}`))
  }
  const nodes: SvgNode[] = []
  for (const n of layout.nodes) if (visible(n)) nodes.push(nodeMarkup(n, palette, options.detail, dimOthers))
  if (options.detail === 'full' && layout.legend.entries.length && visible(layout.legend)) labels.push(legendMarkup(layout.legend, palette))
  return [
    el('g', { 'data-layer': 'groups' }, groups, undefined, 'groups'),
    el('g', { 'data-layer': 'links', fill: 'none' }, links, undefined, 'links'),
    el('g', { 'data-layer': 'labels' }, labels, undefined, 'labels'),
    el('g', { 'data-layer': 'nodes' }, nodes, undefined, 'nodes'),
  ]
}

/** A layer drawn over the diagram that outlines a hovered container's way out. */
export function highlightLayer(layout: DiagramLayout, path: PathHighlight, theme: DiagramTheme): SvgNode {
  const palette = paletteFor(theme)
  const nodeIds = new Set(path.nodes)
  const linkIds = new Set(path.links)
  const groupIds = new Set(path.groups)
  const children: SvgNode[] = []
  for (const g of layout.groups) {
    if (groupIds.has(g.id)) children.push(el('rect', { x: g.x, y: g.y, width: g.width, height: g.height, rx: 10, fill: 'none', stroke: palette.highlight, 'stroke-width': 2.5 }, [], undefined, `hl:${g.id}`))
  }
  for (const l of layout.links) {
    if (linkIds.has(l.id)) children.push(el('path', { d: linkPath(l), fill: 'none', stroke: palette.highlight, 'stroke-width': 3.5, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }, [], undefined, `hl:${l.id}`))
  }
  for (const n of layout.nodes) {
    if (nodeIds.has(n.id)) children.push(el('rect', { x: n.x - 2, y: n.y - 2, width: n.width + 4, height: n.height + 4, rx: radiusFor(n) + 2, fill: 'none', stroke: palette.highlight, 'stroke-width': 3 }, [], undefined, `hl:${n.id}`))
  }
  return el('g', { 'data-layer': 'highlight', 'pointer-events': 'none' }, children, undefined, 'highlight')
}

/** One group frame (and its caption when detail allows). */
export function groupMarkup(g: DiagramGroup, palette: Palette, detail: DiagramDetail): SvgNode {
  const swatch = palette.group[g.kind]
  const dashed = g.kind !== 'host'
  const rect = el('rect', {
    x: g.x,
    y: g.y,
    width: g.width,
    height: g.height,
    rx: g.kind === 'host' ? 14 : 10,
    fill: swatch.fill,
    stroke: swatch.stroke,
    'stroke-width': g.kind === 'host' ? 2 : 1.2,
    ...(dashed ? { 'stroke-dasharray': g.kind === 'host-netns' ? '2 4' : '6 4' } : {}),
  })
  const children = [rect]
  const big = g.kind === 'host'
  if (detail === 'full' || big) {
    const size = big ? 14 : 11
    // A namespace frame wraps its owner tightly, so its caption goes underneath the boxes.
    const y = g.kind === 'netns' ? g.y + g.height - 8 : g.y + (big ? 20 : 17)
    children.push(
      el('text', { x: g.x + (big ? 14 : 10), y, 'font-size': size, 'font-weight': big ? 700 : 400, fill: swatch.label, ...(g.kind === 'netns' ? { 'font-style': 'italic' } : {}) }, [], g.label),
    )
  }
  return el('g', { 'data-group-id': g.id, 'data-extent': extent(g.y, g.y + g.height) }, children, undefined, g.id)
}

function legendMarkup(legend: Legend, palette: Palette): SvgNode {
  const mid = legend.y + legend.height / 2
  const children: SvgNode[] = []
  for (const e of legend.entries) {
    const x = legend.x + e.x
    children.push(
      el('path', {
        d: `M${x},${mid}L${x + 28},${mid}`,
        stroke: palette.link[e.kind],
        'stroke-width': 2,
        'stroke-linecap': 'round',
        fill: 'none',
        ...(e.dashed ? { 'stroke-dasharray': '5 4' } : {}),
      }),
      el('text', { x: x + 36, y: mid + 4, 'font-size': 11, fill: palette.ink.muted }, [], e.label),
    )
  }
  return el('g', { 'data-legend': 'true', 'data-extent': extent(legend.y, legend.y + legend.height) }, children, undefined, 'legend')
}

/** How a link is drawn: its path and paint, without its ids (shared with the canvas overview in paint.ts). */
export function linkPaintAttrs(l: DiagramLink, palette: Palette, dim: boolean): SvgNode['attrs'] {
  return {
    d: linkPath(l),
    stroke: palette.link[l.kind],
    'stroke-width': l.kind === 'uplink' || l.kind === 'nat' ? LINK_WIDTH + 0.6 : LINK_WIDTH,
    'stroke-linejoin': 'round',
    'stroke-linecap': 'round',
    ...(l.dashed ? { 'stroke-dasharray': l.kind === 'publish' ? '3 3' : '6 4' } : {}),
    ...(dim ? { opacity: 0.45 } : {}),
  }
}

function linkMarkup(l: DiagramLink, palette: Palette, dim: boolean): SvgNode {
  return el('path', { ...linkPaintAttrs(l, palette, dim), 'data-link-id': l.id, 'data-extent': linkExtent(l) }, [], undefined, l.id)
}

const curve = linkVertical<unknown, [number, number]>()
  .source((d: unknown) => (d as { s: [number, number] }).s)
  .target((d: unknown) => (d as { t: [number, number] }).t)

/** SVG path data for a link: straight, orthogonal with rounded corners, or a vertical Bézier. */
export function linkPath(l: DiagramLink): string {
  const p = l.points
  if (l.shape === 'curve' && p.length === 4) {
    return curve({ s: [round(p[0]), round(p[1])], t: [round(p[2]), round(p[3])] }) ?? ''
  }
  let d = `M${round(p[0])},${round(p[1])}`
  if (l.shape === 'straight' || p.length <= 4) {
    for (let i = 2; i < p.length; i += 2) d += `L${round(p[i])},${round(p[i + 1])}`
    return d
  }
  for (let i = 2; i < p.length - 2; i += 2) {
    const [px, py, cx, cy, nx, ny] = [p[i - 2], p[i - 1], p[i], p[i + 1], p[i + 2], p[i + 3]]
    const inLen = Math.hypot(cx - px, cy - py)
    const outLen = Math.hypot(nx - cx, ny - cy)
    const r = Math.min(CORNER, inLen / 2, outLen / 2)
    const ax = cx - ((cx - px) / (inLen || 1)) * r
    const ay = cy - ((cy - py) / (inLen || 1)) * r
    const bx = cx + ((nx - cx) / (outLen || 1)) * r
    const by = cy + ((ny - cy) / (outLen || 1)) * r
    d += `L${round(ax)},${round(ay)}Q${round(cx)},${round(cy)} ${round(bx)},${round(by)}`
  }
  d += `L${round(p[p.length - 2])},${round(p[p.length - 1])}`
  return d
}

/**
 * `data-extent="top bottom"` on every top-level drawable: the exporter renders a huge
 * picture in strips and leaves out of each strip what lies wholly outside it.
 */
function extent(top: number, bottom: number): string {
  return `${Math.floor(top) - 4} ${Math.ceil(bottom) + 4}`
}

function linkExtent(l: DiagramLink): string {
  const b = linkBox(l)
  return extent(b.y, b.y + b.height)
}

/** The rectangle a link's points span. */
export function linkBox(l: DiagramLink): { x: number; y: number; width: number; height: number } {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i < l.points.length; i += 2) {
    minX = Math.min(minX, l.points[i])
    maxX = Math.max(maxX, l.points[i])
    minY = Math.min(minY, l.points[i + 1])
    maxY = Math.max(maxY, l.points[i + 1])
  }
  return { x: minX, y: minY, width: maxX - minX || 1, height: maxY - minY || 1 }
}

function radiusFor(n: DiagramNode): number {
  if (n.kind === 'veth') return n.height / 2
  if (n.kind === 'outside') return 24
  if (n.kind === 'container') return 8
  return 6
}

/** Nodes whose text is centred rather than left-aligned. */
const CENTRED = new Set(['veth', 'outside'])

/** A node's box (its first <rect>, at the node's origin; shared with the canvas overview in paint.ts). */
export function nodeBoxAttrs(n: DiagramNode, palette: Palette): SvgNode['attrs'] {
  const swatch = n.match ? palette.match : palette.node[n.kind]
  return {
    width: n.width,
    height: n.height,
    rx: radiusFor(n),
    fill: swatch.fill,
    stroke: n.match ? swatch.stroke : palette.node[n.kind].stroke,
    'stroke-width': n.match ? 3 : n.kind === 'bridge' ? 2 : 1.4,
    ...(n.dashed ? { 'stroke-dasharray': '5 3' } : {}),
  }
}

/** One node: its box, and its label lines as the detail allows. */
export function nodeMarkup(n: DiagramNode, palette: Palette, detail: DiagramDetail, dim: boolean): SvgNode {
  const children: SvgNode[] = [el('rect', nodeBoxAttrs(n, palette))]
  if (n.kind === 'container' && n.state === 'running' && detail === 'full') {
    children.push(el('rect', { x: 0, y: 6, width: 4, height: n.height - 12, rx: 2, fill: palette.node.container.stroke }))
  }
  const showText = detail === 'full' || n.kind === 'bridge' || n.kind === 'outside' || n.kind === 'nic'
  if (showText) children.push(...textLines(n, detail === 'full' ? n.lines : n.lines.slice(0, 1), palette))
  // A label cut short to fit keeps its whole text in a <title>: a tooltip on screen, and
  // every name stays in the exported SVG (searchable, read out by screen readers).
  if (n.lines.some((l) => l.full !== undefined)) {
    children.push(el('title', {}, [], n.lines.map((l) => l.full ?? l.text).filter((t) => t !== '').join('\n')))
  }
  return el(
    'g',
    {
      transform: `translate(${round(n.x)} ${round(n.y)})`,
      'data-node-id': n.id,
      'data-extent': extent(n.y, n.y + n.height),
      'data-kind': n.kind,
      ...(dim && !n.match ? { opacity: 0.45 } : {}),
    },
    children,
    undefined,
    n.id,
  )
}

function textLines(n: DiagramNode, lines: LabelLine[], palette: Palette): SvgNode[] {
  const centred = CENTRED.has(n.kind)
  const out: SvgNode[] = []
  const total = lines.reduce((h, l) => h + LINE_STYLES[l.role].height, 0)
  // Pills and the outside box centre their text vertically; other boxes start at the top padding.
  let top = centred ? (n.height - total) / 2 : BOX_PAD_Y
  for (const l of lines) {
    const style = LINE_STYLES[l.role]
    if (l.text !== '') {
      const attrs: SvgNode['attrs'] = {
        x: centred ? round(n.width / 2) : BOX_PAD_X + (n.kind === 'container' ? 2 : 0),
        y: round(top + style.size + (style.height - style.size) / 2 - 1.5),
        'font-size': style.size,
        fill: palette.ink[l.role],
      }
      if (style.weight !== 400) attrs['font-weight'] = style.weight
      if (style.mono) attrs['font-family'] = FONT_MONO
      if (centred) attrs['text-anchor'] = 'middle'
      out.push(el('text', attrs, [], l.text))
    }
    top += style.height
  }
  return out
}

function haloText(text: string, x: number, y: number, size: number, fill: string, palette: Palette, key: string): SvgNode {
  return el(
    'text',
    { x: round(x), y: round(y), 'data-extent': extent(y - size, y + size / 2), 'font-size': size, fill, stroke: palette.halo, 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' },
    [],
    text,
    key,
  )
}

// Characters XML 1.0 forbids, even escaped; a label never needs them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Escapes text content for XML. */
export function escapeXmlText(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Escapes an attribute value for a double-quoted XML attribute. */
export function escapeXmlAttr(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;')
}

const NAME = /^[A-Za-z_][\w.:-]*$/

/** Serialises a tree to SVG markup. Element and attribute names must be XML names. */
export function toSvgString(tree: SvgNode): string {
  const parts: string[] = []
  const write = (node: SvgNode): void => {
    if (!NAME.test(node.tag)) throw new Error(`not an XML element name: ${node.tag}`)
    let open = `<${node.tag}`
    for (const key in node.attrs) {
      if (!NAME.test(key)) throw new Error(`not an XML attribute name: ${key}`)
      const value = node.attrs[key]
      open += ` ${key}="${typeof value === 'number' ? String(value) : escapeXmlAttr(value)}"`
    }
    if (node.children.length === 0 && (node.text === undefined || node.text === '')) {
      parts.push(open + '/>')
      return
    }
    parts.push(open + '>')
    if (node.text !== undefined) parts.push(escapeXmlText(node.text))
    for (const child of node.children) write(child)
    parts.push(`</${node.tag}>`)
  }
  write(tree)
  return parts.join('')
}
