import { layoutTopology } from '../renderer/src/diagram/layout'
import { diagramTree } from '../renderer/src/diagram/markup'
import { paintTree } from '../renderer/src/export/paint'
;(window as any).run = async (scale: number) => {
  const topology = await (await fetch('/t.json')).json()
  const layout = layoutTopology(topology)
  const tree = diagramTree(layout, { theme: 'light', detail: 'full' })
  const W = Number(tree.attrs.width), H = Number(tree.attrs.height)
  const t0 = performance.now()
  const c = document.createElement('canvas'); c.width = W; c.height = H
  const ctx = c.getContext('2d')!
  ctx.translate(24, 24)
  paintTree(ctx, tree)
  const t1 = performance.now()
  ctx.getImageData(0, 0, 1, 1)
  const t2 = performance.now()
  const b = await new Promise<Blob | null>((r) => c.toBlob(r, 'image/png'))
  const t3 = performance.now()
  return { paint: t1 - t0, flush: t2 - t1, toBlob: t3 - t2, size: b?.size }
}
