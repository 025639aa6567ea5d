import { layoutTopology } from '../renderer/src/diagram/layout'
import { diagramTree } from '../renderer/src/diagram/markup'
import { rasterizeTree, DEFAULT_RASTER_LIMITS } from '../renderer/src/export/rasterize'
;(window as any).run = async (scale: number, limits: any) => {
  const topology = await (await fetch('/t.json')).json()
  const layout = layoutTopology(topology)
  const t0 = performance.now()
  const tree = diagramTree(layout, { theme: 'light', detail: 'full' })
  const t1 = performance.now()
  const r = await rasterizeTree(tree, scale, { ...DEFAULT_RASTER_LIMITS, ...limits })
  const t2 = performance.now()
  const b64: string = await new Promise((res) => { const fr = new FileReader(); fr.onload = () => res(String(fr.result).slice(22)); fr.readAsDataURL(r.png) })
  const t3 = performance.now()
  ;(window as any).lastPng = b64
  return { tree: t1 - t0, raster: t2 - t1, b64: t3 - t2, total: t3 - t0, w: r.width, h: r.height, tiles: r.tiles, bytes: r.png.size }
}
