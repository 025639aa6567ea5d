async ({ strip, encode }) => {
  const T = {}
  let svg = await (await fetch('/d.svg')).text()
  if (strip) svg = svg.replace(/ data-[a-z-]+="[^"]*"/g, '')
  let t = performance.now()
  const start = t
  const mark = (k) => { const n = performance.now(); T[k] = (T[k] ?? 0) + (n - t); t = n }
  const m = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg)
  const W = Number(m[1]), H = Number(m[2])
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  const img = new Image()
  img.src = url
  await img.decode()
  mark('decode')
  const canvas = document.createElement('canvas')
  canvas.width = W; canvas.height = H
  const ctx = canvas.getContext('2d')
  ctx.drawImage(img, 0, 0, W, H)
  mark('draw')
  let bytes = 0
  if (encode) {
    const blob = await new Promise((r) => canvas.toBlob(r, 'image/png'))
    bytes = blob ? blob.size : -1
    mark('toBlob')
    const buf = await blob.arrayBuffer()
    mark('arrayBuffer')
  }
  return { W, H, T, total: performance.now() - start, bytes, svgLen: svg.length }
}
