import { layoutTopology } from '../renderer/src/diagram/layout'
import { diagramTree } from '../renderer/src/diagram/markup'
;(window as any).run = async () => {
  const topology = await (await fetch('/t.json')).json()
  const tree = diagramTree(layoutTopology(topology), { theme: 'light', detail: 'full' })
  const texts: any[] = [], rects: any[] = [], paths: any[] = []
  const walk = (n: any, dx: number, dy: number) => { if (n.tag === 'text') texts.push([n, dx, dy]); else if (n.tag === 'rect') rects.push([n, dx, dy]); else if (n.tag === 'path') paths.push(n); const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(n.attrs.transform ?? ''); for (const c of n.children) walk(c, dx + (m ? +m[1] : 0), dy + (m ? +m[2] : 0)) }
  walk(tree, 0, 0)
  const c = document.createElement('canvas'); c.width = 16044; c.height = 3410
  const ctx = c.getContext('2d')!
  const out: any = { texts: texts.length, rects: rects.length, paths: paths.length }
  let t = performance.now()
  ctx.font = '11px sans-serif'
  for (const [n, dx, dy] of texts) ctx.fillText(n.text, dx + +n.attrs.x, dy + +n.attrs.y)
  out.fillTextSameFont = performance.now() - t; t = performance.now()
  for (const [n, dx, dy] of rects) { ctx.beginPath(); ctx.roundRect(dx + +(n.attrs.x ?? 0), dy + +(n.attrs.y ?? 0), +n.attrs.width, +n.attrs.height, +(n.attrs.rx ?? 0)); ctx.fill(); ctx.stroke() }
  out.rects = performance.now() - t; t = performance.now()
  for (const n of paths) { ctx.stroke(new Path2D(n.attrs.d)) }
  out.paths = performance.now() - t; t = performance.now()
  ctx.getImageData(0, 0, 1, 1)
  out.flush = performance.now() - t; t = performance.now()
  ctx.font = "11px 'Liberation Sans', Arial, sans-serif"
  for (const [n, dx, dy] of texts) ctx.fillText(n.text, dx + +n.attrs.x, dy + +n.attrs.y)
  out.fillTextLiberation = performance.now() - t; t = performance.now()
  for (const [n, dx, dy] of texts) ctx.measureText(n.text)
  out.measure = performance.now() - t; t = performance.now()
  ctx.getImageData(0, 0, 1, 1)
  out.flush2 = performance.now() - t; t = performance.now()
  return out
}
