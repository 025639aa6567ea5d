async ({ scale, bandPixels, maxSide }) => {
  const T = {}
  let t = performance.now()
  const mark = (k) => { const n = performance.now(); T[k] = (T[k] ?? 0) + (n - t); t = n }
  const svg = await (await fetch('/d.svg')).text()
  t = performance.now()
  const start = t
  const m = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg)
  const sw = Number(m[1]), sh = Number(m[2])
  const W = Math.ceil(sw * scale), H = Math.ceil(sh * scale)
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  const img = new Image()
  img.src = url
  await img.decode()
  mark('decode')
  const cols = Math.ceil(W / maxSide)
  const colW = Math.ceil(W / cols)
  const bandRows = Math.max(1, Math.floor(bandPixels / W))
  const canvases = Array.from({ length: cols }, () => { const c = document.createElement('canvas'); return c })
  const cs = new CompressionStream('deflate')
  const writer = cs.writable.getWriter()
  const outChunks = []
  const reading = (async () => { const r = cs.readable.getReader(); for (;;) { const { done, value } = await r.read(); if (done) break; outChunks.push(value) } })()
  const stride = W * 4 + 1
  for (let top = 0; top < H; top += bandRows) {
    const rows = Math.min(bandRows, H - top)
    const raw = new Uint8Array(rows * stride)
    for (let c = 0; c < cols; c++) {
      const x0 = c * colW
      const w = Math.min(colW, W - x0)
      const canvas = canvases[c]
      if (canvas.width !== w || canvas.height !== rows) { canvas.width = w; canvas.height = rows }
      const ctx = canvas.getContext('2d', { willReadFrequently: true })
      ctx.clearRect(0, 0, w, rows)
      ctx.drawImage(img, x0 / scale, top / scale, w / scale, rows / scale, 0, 0, w, rows)
      mark('draw')
      const data = ctx.getImageData(0, 0, w, rows).data
      mark('read')
      for (let r = 0; r < rows; r++) raw.set(data.subarray(r * w * 4, (r + 1) * w * 4), r * stride + 1 + x0 * 4)
      mark('copy')
    }
    await writer.write(raw)
    mark('deflate')
  }
  await writer.close()
  await reading
  mark('deflate')
  const total = performance.now() - start
  const bytes = outChunks.reduce((s, c) => s + c.length, 0)
  return { W, H, T, total, bytes, cols, bandRows }
}