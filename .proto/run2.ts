import { readFileSync } from 'node:fs'
import { chromium } from '/work/main/node_modules/playwright-core/index.js'
import { CHROMIUM_ARGS } from '/work/main/test/support/browser'
const inPage = readFileSync('/work/main/.proto/inpage2.js', 'utf8')
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
  for (const args of [{ strip: false, encode: true }, { strip: true, encode: true }, { strip: false, encode: true }, { strip: true, encode: true }]) {
    const r = await page.evaluate(`(${inPage})(${JSON.stringify(args)})`)
    console.log(which, JSON.stringify(args), JSON.stringify(r, (k, v) => (typeof v === 'number' ? Math.round(v) : v)))
  }
  await browser.close()
}
main()
