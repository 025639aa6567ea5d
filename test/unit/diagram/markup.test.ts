import { Window } from 'happy-dom'
import { describe, expect, it } from 'vitest'
import { layoutTopology, pathToOutside } from '../../../renderer/src/diagram/layout'
import { diagramLayers, diagramTree, escapeXmlAttr, escapeXmlText, highlightLayer, linkPath, toSvgString, type SvgNode } from '../../../renderer/src/diagram/markup'
import { contrastRatio, paletteFor, type DiagramTheme } from '../../../renderer/src/diagram/theme'
import { IDS, fixtureTopology, generatedTopology } from './fixtures'
import { xmlProblems } from './xml'

const texts = (tree: SvgNode): string[] => {
  const out: string[] = []
  const walk = (n: SvgNode): void => {
    if (n.tag === 'text' && n.text) out.push(n.text)
    n.children.forEach(walk)
  }
  walk(tree)
  return out
}

const find = (tree: SvgNode, predicate: (n: SvgNode) => boolean): SvgNode[] => {
  const out: SvgNode[] = []
  const walk = (n: SvgNode): void => {
    if (predicate(n)) out.push(n)
    n.children.forEach(walk)
  }
  walk(tree)
  return out
}

function parse(svg: string): Document {
  const window = new Window()
  return new window.DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as Document
}

describe('diagram markup', () => {
  it('serialises to well-formed, self-contained SVG with every container and bridge name', () => {
    const topology = fixtureTopology({ extras: true })
    const svg = toSvgString(diagramTree(layoutTopology(topology), { theme: 'light', detail: 'full' }))
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(xmlProblems(svg)).toEqual([])
    const doc = parse(svg)
    expect(doc.querySelector('parsererror')).toBeNull()
    const drawn = [...doc.querySelectorAll('text')].map((t) => t.textContent)
    for (const c of topology.containers) expect(drawn).toContain(c.name)
    for (const n of topology.networks.filter((k) => k.bridge)) expect(drawn).toContain(n.bridge)
    expect(svg).not.toMatch(/<link|<image|href=|url\(|@import|<script/)
  })

  it('sets width, height and viewBox from the layout bounds', () => {
    const layout = layoutTopology(fixtureTopology())
    const tree = diagramTree(layout, { theme: 'light', detail: 'full' })
    const b = layout.bounds
    expect(tree.attrs.width).toBe(Math.round(b.width))
    expect(tree.attrs.height).toBe(Math.round(b.height))
    expect(tree.attrs.viewBox).toBe(`${b.x} ${b.y} ${b.width} ${b.height}`)
  })

  it('draws a background for light and dark themes and none for transparent', () => {
    const layout = layoutTopology(fixtureTopology())
    const background = (theme: DiagramTheme): SvgNode | undefined => diagramTree(layout, { theme, detail: 'full' }).children.find((c) => c.tag === 'rect')
    expect(background('light')?.attrs.fill).toBe('#ffffff')
    expect(background('dark')?.attrs.fill).toBe('#0d1117')
    expect(background('transparent')).toBeUndefined()
  })

  it('escapes every text and attribute, and drops characters XML cannot hold', () => {
    expect(escapeXmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c')
    expect(escapeXmlAttr('say "hi" & <go>')).toBe('say &quot;hi&quot; &amp; &lt;go&gt;')
    expect(escapeXmlText('bell\u0007 ok')).toBe('bell ok')
    const topology = fixtureTopology()
    const evil = topology.containers.find((c) => c.id === IDS.mysqlDB)!
    evil.name = '</text><script>alert(1)</script>&"'
    evil.image = 'img&<\u0001>'
    const svg = toSvgString(diagramTree(layoutTopology(topology), { theme: 'dark', detail: 'full' }))
    expect(xmlProblems(svg)).toEqual([])
    expect(svg).not.toContain('<script')
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;')
    const doc = parse(svg)
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).toContain('img&<>')
  })

  it('never draws container labels, which may hold anything', () => {
    const topology = fixtureTopology()
    topology.containers[0].labels = { 'com.example.secret': 'PASSWORD=hunter2' }
    const svg = toSvgString(diagramTree(layoutTopology(topology), { theme: 'light', detail: 'full' }))
    expect(svg).not.toContain('hunter2')
    expect(svg).not.toContain('com.example.secret')
  })

  it('keeps text readable: at least 4.5:1 contrast on its box in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      const p = paletteFor(theme)
      const fills = [...Object.values(p.node).map((s) => s.fill), p.match.fill]
      for (const fill of fills) {
        for (const [role, ink] of Object.entries(p.ink)) {
          expect(contrastRatio(ink, fill), `${theme} ${role} on ${fill}`).toBeGreaterThanOrEqual(4.5)
        }
      }
      for (const [kind, g] of Object.entries(p.group)) expect(contrastRatio(g.label, g.fill), `${theme} ${kind} label`).toBeGreaterThanOrEqual(4.5)
      expect(contrastRatio(p.ink.muted, p.background!)).toBeGreaterThanOrEqual(4.5)
      for (const [kind, colour] of Object.entries(p.link)) expect(contrastRatio(colour, p.background!), `${theme} ${kind} line`).toBeGreaterThanOrEqual(3)
    }
  })

  it('drops container text at low detail but keeps boxes, lines and the big titles', () => {
    const layout = layoutTopology(fixtureTopology())
    const full = diagramTree(layout, { theme: 'light', detail: 'full' })
    const low = diagramTree(layout, { theme: 'light', detail: 'low' })
    expect(texts(full)).toContain('mysqlDB')
    expect(texts(low)).not.toContain('mysqlDB')
    expect(texts(low)).toContain('docker0')
    const boxes = (t: SvgNode) => find(t, (n) => 'data-node-id' in n.attrs && n.children[0]?.tag === 'rect').length
    expect(boxes(low)).toBe(layout.nodes.length)
    expect(boxes(full)).toBe(layout.nodes.length)
    const paths = (t: SvgNode) => find(t, (n) => n.tag === 'path' && 'data-link-id' in n.attrs).length
    expect(paths(low)).toBe(layout.links.length)
  })

  it('leaves out what lies outside the viewBox when culling', () => {
    const layout = layoutTopology(generatedTopology(500, 5))
    const all = diagramLayers(layout, { theme: 'light', detail: 'full' })
    const view = { x: 0, y: 0, width: 800, height: 600 }
    const culled = diagramLayers(layout, { theme: 'light', detail: 'full', viewBox: view, cull: true })
    const count = (layers: SvgNode[]) => layers.find((l) => l.attrs['data-layer'] === 'nodes')!.children.length
    expect(count(culled)).toBeLessThan(count(all) / 5)
    expect(count(culled)).toBeGreaterThan(0)
  })

  it('outlines a hovered container’s way out in a layer of its own', () => {
    const layout = layoutTopology(fixtureTopology())
    const path = pathToOutside(layout, `container:${IDS.mysqlDB}`)
    const layer = highlightLayer(layout, path, 'light')
    expect(layer.children.map((c) => c.key).sort()).toEqual([...path.nodes, ...path.links].map((id) => `hl:${id}`).sort())
  })

  it('keys every drawn node, link and group by its layout id, for Vue', () => {
    const layout = layoutTopology(fixtureTopology({ extras: true }))
    const layers = diagramLayers(layout, { theme: 'light', detail: 'full' })
    const keys = layers.flatMap((l) => l.children.map((c) => c.key))
    for (const n of layout.nodes) expect(keys).toContain(n.id)
    for (const l of layout.links) expect(keys).toContain(l.id)
    for (const g of layout.groups) expect(keys).toContain(g.id)
  })

  it('draws orthogonal links with rounded corners and curves as one Bézier', () => {
    const base = { id: 'x', kind: 'bridge-veth' as const, source: 'a', target: 'b', label: null, labelAt: null, dashed: false }
    expect(linkPath({ ...base, points: [0, 0, 0, 10], shape: 'straight' })).toBe('M0,0L0,10')
    expect(linkPath({ ...base, points: [0, 0, 0, 50, 40, 50, 40, 80], shape: 'orthogonal' })).toBe('M0,0L0,42Q0,50 8,50L32,50Q40,50 40,58L40,80')
    expect(linkPath({ ...base, points: [0, 0, 100, 100], shape: 'curve' })).toMatch(/^M0,0C/)
  })

  it('writes a 5000-container diagram as one SVG string of a few megabytes', () => {
    const svg = toSvgString(diagramTree(layoutTopology(generatedTopology(5000, 20)), { theme: 'light', detail: 'full' }))
    expect(svg.length).toBeLessThan(32 * 1024 * 1024)
    expect(svg).toContain('svc-04999')
  })
})
