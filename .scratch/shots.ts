import { startE2E } from '../test/support/browser'

const scheme = (process.argv[2] ?? 'light') as 'light' | 'dark'
const locale = process.argv[3] ?? 'en-US'
const only = process.argv[4]
async function full(e2e: Awaited<ReturnType<typeof startE2E>>, name: string): Promise<void> {
  if (!process.env.FULL) return void (await e2e.screenshot(name))
  const h = await e2e.page.evaluate(() => document.querySelector('.content')!.scrollHeight)
  await e2e.page.setViewportSize({ width: 1400, height: Math.max(900, Math.min(h, 4000)) })
  await e2e.screenshot(name)
  await e2e.page.setViewportSize({ width: 1400, height: 900 })
}
async function main(): Promise<void> {
  const e2e = await startE2E({ colorScheme: scheme, locale })
  const { page } = e2e
  page.on('console', (m) => console.log('console', m.type(), m.text()))
  await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor()
  const tag = `${scheme}-${locale}`
  if (!only || only === 'interfaces') {
    await page.locator('[data-page="interfaces"]').click()
    await page.locator('[data-testid="interfaces-table"] tbody tr').first().waitFor()
    await page.waitForTimeout(3500)
    await full(e2e, `scratch-interfaces-${tag}`)
    await page.locator('[data-interface="docker0"]').click()
    await full(e2e, `scratch-interfaces-details-${tag}`)
    await page.locator('[data-tab="ifconfig"]').click()
    await full(e2e, `scratch-ifconfig-${tag}`)
  }
  if (!only || only === 'networks') {
    await page.locator('[data-page="networks"]').click()
    await page.locator('[data-network="scratch-back"]').click()
    await page.locator('[data-testid="network-details"]').waitFor()
    await full(e2e, `scratch-networks-${tag}`)
    await page.locator('[data-tab="raw"]').click()
    await page.locator('[data-testid="network-raw"]').waitFor()
    await full(e2e, `scratch-networks-raw-${tag}`)
  }
  if (!only || only === 'containers') {
    await page.locator('[data-page="containers"]').click()
    await page.locator('[data-container="scratch-db"]').click()
    await page.locator('[data-testid="env-show"]').click()
    await page.locator('[data-testid="env-table"]').waitFor()
    await full(e2e, `scratch-containers-${tag}`)
    await page.locator('[data-explain="container-sharing"]').first().click()
    await full(e2e, `scratch-explain-${tag}`)
  }
  if (!only || only === 'settings') {
    await page.locator('[data-page="settings"]').click()
    await full(e2e, `scratch-settings-${tag}`)
  }
  await e2e.close()
}
main().catch((e) => {
  console.error(e)
  process.exit(1)
})
