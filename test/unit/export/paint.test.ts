import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { layoutTopology, pathToOutside } from '../../../renderer/src/diagram/layout'
import { diagramLayers, diagramTree, highlightLayer, type SvgNode } from '../../../renderer/src/diagram/markup'
import { FONT_SANS } from '../../../renderer/src/diagram/metrics'
import { PAINTED_TAGS, paintOverview, paintTree } from '../../../renderer/src/diagram/paint'
import { pictureGeometry } from '../../../renderer/src/export/rasterize'
import { IDS, fixtureTopology, generatedTopology } from '../diagram/fixtures'

/** What the painter asked of the canvas, in order: enough to check what is drawn where. */
type Call = [string, ...unknown[]]

/** Path2D stand-in (Node has none): records the shapes added to it. */
class RecordingPath {
  readonly shapes: Call[] = []
  constructor(d?: string) {
    if (d !== undefined) this.shapes.push(['d', d])
  }
  roundRect(x: number, y: number, w: number, h: number, r: number): void {
    this.shapes.push(['roundRect', x, y, w, h, r])
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.shapes.push(['rect', x, y, w, h])
  }
  addPath(path: RecordingPath, m?: { e: number; f: number }): void {
    for (const s of path.shapes) this.shapes.push(m ? ['moved', m.e, m.f, ...s] : s)
  }
}

class RecordingMatrix {
  readonly e: number
  readonly f: number
  constructor(values: number[]) {
    this.e = values[4]
    this.f = values[5]
  }
}

function recordingContext(scale = 1): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = []
  const state: Record<string, unknown> = {}
  const ctx = new Proxy(state, {
    get(_target, key: string) {
      if (key === 'getTransform') return () => ({ a: scale, b: 0 })
      if (key in state) return state[key]
      return (...args: unknown[]) => calls.push([key, ...args])
    },
    set(_target, key: string, value) {
      state[key] = value
      calls.push([`set ${key}`, value])
      return true
    },
  })
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls }
}

const globals = globalThis as unknown as Record<string, unknown>
beforeAll(() => {
  globals.Path2D = RecordingPath
  globals.DOMMatrix = RecordingMatrix
})
afterAll(() => {
  delete globals.Path2D
  delete globals.DOMMatrix
})

const tags = (tree: SvgNode, out = new Set<string>()): Set<string> => {
  out.add(tree.tag)
  for (const child of tree.children) tags(child, out)
  return out
}

const texts = (calls: Call[]): string[] => calls.filter((c) => c[0] === 'fillText').map((c) => String(c[1]))

describe('the canvas painter', () => {
  const layout = layoutTopology(fixtureTopology({ extras: true }))

  it('knows every element the markup makes, at both levels of detail and with a highlight', () => {
    for (const detail of ['full', 'low'] as const) {
      const tree = diagramTree(layout, { theme: 'light', detail })
      tree.children.push(highlightLayer(layout, pathToOutside(layout, `container:${IDS.mysqlDB}`), 'light'))
      expect([...tags(tree)].filter((t) => !PAINTED_TAGS.has(t))).toEqual([])
      const { ctx } = recordingContext()
      expect(() => paintTree(ctx, tree)).not.toThrow()
    }
  })

  it('draws every label line of the tree, at the box’s place', () => {
    const tree = diagramTree(layout, { theme: 'light', detail: 'full' })
    const { ctx, calls } = recordingContext()
    paintTree(ctx, tree)
    const drawn = texts(calls)
    for (const node of layout.nodes) for (const line of node.lines) if (line.text) expect(drawn, node.id).toContain(line.text)
    const docker0 = layout.nodes.find((n) => n.id === `bridge:${IDS.bridgeNet}`)!
    const call = calls.find((c) => c[0] === 'fillText' && c[1] === 'docker0')!
    expect(call[2]).toBeCloseTo(docker0.x + 9, 5)
    expect(call[3]).toBeGreaterThan(docker0.y)
    expect(call[3]).toBeLessThan(docker0.y + docker0.height)
  })

  it('fills the shapes under a text before the text, so a box never covers its own label', () => {
    const tree = diagramTree(layout, { theme: 'light', detail: 'full' })
    const { ctx, calls } = recordingContext()
    paintTree(ctx, tree)
    const firstText = calls.findIndex((c) => c[0] === 'fillText')
    const fillsBefore = calls.slice(0, firstText).filter((c) => c[0] === 'fill').length
    expect(fillsBefore).toBeGreaterThan(0)
    // The last fill of any box comes before the last text.
    const lastFill = calls.map((c) => c[0]).lastIndexOf('fill')
    const lastText = calls.map((c) => c[0]).lastIndexOf('fillText')
    expect(lastFill).toBeLessThan(lastText)
  })

  it('paints thousands of alike boxes and lines in a handful of fills and strokes', () => {
    const big = layoutTopology(generatedTopology(1000, 20))
    const tree = diagramTree(big, { theme: 'light', detail: 'low' })
    const { ctx, calls } = recordingContext(0.07)
    paintTree(ctx, tree)
    const paints = calls.filter((c) => c[0] === 'fill' || c[0] === 'stroke').length
    expect(big.nodes.length).toBeGreaterThan(2000)
    expect(paints).toBeLessThan(100)
    // All 2000 veth and container boxes are in those paths, as plain rectangles at this scale.
    const shapes = calls.filter((c) => c[0] === 'fill').flatMap((c) => (c[1] as RecordingPath).shapes)
    expect(shapes.filter((s) => s[0] === 'rect').length).toBeGreaterThanOrEqual(2000)
  })

  it('leaves out what lies outside the region it is asked to paint', () => {
    const big = layoutTopology(generatedTopology(300, 3))
    const tree = diagramTree(big, { theme: 'light', detail: 'full' })
    const all = recordingContext()
    paintTree(all.ctx, tree)
    const part = recordingContext()
    paintTree(part.ctx, tree, { x: 0, y: 0, width: 800, height: 600 })
    expect(texts(part.calls).length).toBeGreaterThan(0)
    expect(texts(part.calls).length).toBeLessThan(texts(all.calls).length / 4)
  })
})

describe('the overview of a large diagram', () => {
  it('paints what the low-detail markup draws: every box, the bridge titles, in a few batches', () => {
    const big = layoutTopology(generatedTopology(1000, 20))
    // The markup's layers, without the background (on screen the view's own background shows).
    const fromTree = recordingContext(0.07)
    paintTree(fromTree.ctx, { tag: 'g', attrs: { 'font-family': FONT_SANS }, children: diagramLayers(big, { theme: 'dark', detail: 'low' }) })
    const overview = recordingContext(0.07)
    expect(paintOverview(overview.ctx, big, 'dark')).toBe(big.nodes.length)
    expect(texts(overview.calls).sort()).toEqual(texts(fromTree.calls).sort())
    const shapes = (calls: Call[]): string[] =>
      calls.filter((c) => c[0] === 'fill' || c[0] === 'stroke').flatMap((c) => (c[1] as RecordingPath).shapes.map((s) => JSON.stringify(s))).sort()
    expect(shapes(overview.calls)).toEqual(shapes(fromTree.calls))
    expect(overview.calls.filter((c) => c[0] === 'fill' || c[0] === 'stroke').length).toBeLessThan(100)
  })

  it('paints only the boxes that reach the region asked for', () => {
    const big = layoutTopology(generatedTopology(1000, 20))
    const { ctx } = recordingContext(0.5)
    const painted = paintOverview(ctx, big, 'light', { x: 0, y: 0, width: 2000, height: 1500 })
    expect(painted).toBeGreaterThan(10)
    expect(painted).toBeLessThan(big.nodes.length / 5)
  })
})

describe('pictureGeometry', () => {
  it('maps the viewBox to pixels as an SVG viewer does, at the scale asked', () => {
    const tree = diagramTree(layoutTopology(fixtureTopology()), { theme: 'light', detail: 'full' })
    const w = Number(tree.attrs.width)
    const h = Number(tree.attrs.height)
    const [vx, vy] = String(tree.attrs.viewBox).split(' ').map(Number)
    const g = pictureGeometry(tree, 2)
    expect([g.width, g.height]).toEqual([w * 2, h * 2])
    expect(g.k).toBeCloseTo(2, 2)
    expect(vx * g.k + g.offsetX).toBeCloseTo(0, 0)
    expect(vy * g.k + g.offsetY).toBeCloseTo(0, 0)
  })
})
