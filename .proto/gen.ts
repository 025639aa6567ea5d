import { writeFileSync } from 'node:fs'
import { generatedTopology } from '/work/main/test/unit/diagram/fixtures'
import { layoutTopology } from '/work/main/renderer/src/diagram/layout'
import { diagramTree, toSvgString } from '/work/main/renderer/src/diagram/markup'
for (const n of [1000, 5000]) {
  const topo = generatedTopology(n, 20)
  let t = performance.now()
  const layout = layoutTopology(topo)
  const t1 = performance.now()
  const svg = toSvgString(diagramTree(layout, { theme: 'light', detail: 'full' }))
  const t2 = performance.now()
  console.log(n, layout.bounds, layout.nodes.length, 'layout', (t1 - t).toFixed(0), 'svg', (t2 - t1).toFixed(0), 'len', svg.length)
  writeFileSync(`/tmp/proto/d${n}.svg`, svg)
  writeFileSync(`/tmp/proto/t${n}.json`, JSON.stringify(topo))
}
