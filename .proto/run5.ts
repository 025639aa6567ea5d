import { readFileSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'
import { chromium } from '/work/main/node_modules/playwright-core/index.js'
import { CHROMIUM_ARGS } from '/work/main/test/support/browser'
import { decodePng, pixelsUnlikeCorner } from '/work/main/test/unit/export/png'
async function main() {
  const bundle = (await build({ entryPoints: ['/work/main/.proto/entry5.ts'], bundle: true, write: false, format: 'iife', alias: { '@shared': '/work/main/electron/shared' } })).outputFiles[0].text
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true })
  const page = await browser.newPage()
  const which = process.argv[2] ?? '1000'
  const topo = readFileSync(`/tmp/proto/t${which}.json`)
  await page.route('http://proto.local/**', (route) => {
    const u = new URL(route.request().url())
    if (u.pathname === '/t.json') return route.fulfill({ body: topo, contentType: 'application/json' })
    if (u.pathname === '/b.js') return route.fulfill({ body: bundle, contentType: 'text/javascript' })
    return route.fulfill({ body: '<!doctype html><body><script src="/b.js"></script></body>', contentType: 'text/html' })
  })
  await page.goto('http://proto.local/')
  const configs = JSON.parse(process.argv[3] ?? '[[1,{}],[1,{}],[1,{"singleCanvasPixels":0}],[2,{}]]')
  for (const [scale, limits] of configs) {
    const r = await page.evaluate(`run(${scale}, ${JSON.stringify(limits)})`)
    console.log(which, scale, JSON.stringify(limits), JSON.stringify(r, (k, v) => (typeof v === 'number' ? Math.round(v) : v)))
    if (process.argv[4]) {
      const png = Buffer.from(await page.evaluate('lastPng') as string, 'base64')
      writeFileSync(`/tmp/proto/out-${which}-${scale}.png`, png)
      const img = decodePng(png)
      console.log('decoded', img.width, img.height, 'unlike corner', pixelsUnlikeCorner(img))
    }
  }
  await browser.close()
}
main()
