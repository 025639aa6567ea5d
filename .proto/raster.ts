import { readFileSync, writeFileSync } from 'node:fs'
import { chromium } from '/work/main/node_modules/playwright-core/index.js'
import { CHROMIUM_ARGS } from '/work/main/test/support/browser'

const inPage = require('node:fs').readFileSync('/work/main/.proto/inpage.js','utf8')
async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true })
  const page = await browser.newPage()
  const which = process.argv[2] ?? '1000'
  const svg = readFileSync(`/tmp/proto/d${which}.svg`)
  await page.route('http://proto.local/**', (route) => {
    const u = new URL(route.request().url())
    if (u.pathname === '/d.svg') return route.fulfill({ body: svg, contentType: 'image/svg+xml' })
    return route.fulfill({ body: '<!doctype html><body></body>', contentType: 'text/html' })
  })
  await page.goto('http://proto.local/')
  for (const [scale, bandPixels] of [[1, 4e6], [1, 16e6], [1, 4e6], [2, 8e6]] as const) {
    if (which === '5000' && scale === 2) continue
    const r = await page.evaluate(`(${inPage})(${JSON.stringify({ scale, bandPixels, maxSide: 16384 })})`)
    console.log(which, scale, bandPixels, JSON.stringify(r, (k, v) => (typeof v === 'number' ? Math.round(v) : v)))
  }
  await browser.close()
}
main()
