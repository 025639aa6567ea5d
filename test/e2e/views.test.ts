/**
 * The Interfaces, Networks, Containers and Settings pages in Chromium through the
 * harness, against the test engine. Every figure is compared with what the engine and the
 * kernel report (`docker inspect`, `docker network inspect`, `ip -j`), never with literals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { execFileAsync, testEngine, vethsOf, type TestEngine } from '../support/engine'
import { startE2E, type E2E } from '../support/browser'
import { messages } from '../../renderer/src/i18n'

let t: TestEngine
let e2e: E2E
let alpha: string
let beta: string
let one: string
let two: string

async function ipJson<T>(args: string[]): Promise<T> {
  const { stdout } = await execFileAsync('ip', ['-j', ...args])
  return JSON.parse(stdout) as T
}

async function waitConnected(page: Page): Promise<void> {
  await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor()
}

async function go(page: Page, target: 'interfaces' | 'networks' | 'containers' | 'settings'): Promise<void> {
  await page.locator(`[data-page="${target}"]`).click()
  await page.locator(`[data-testid="${target}-page"]`).waitFor()
}

/** A screenshot of the whole page: the content scrolls inside the shell, so the viewport grows to fit it first. */
async function shot(session: E2E, name: string): Promise<void> {
  const height = await session.page.evaluate(() => document.querySelector('.content')?.scrollHeight ?? 900)
  const viewport = session.page.viewportSize() ?? { width: 1400, height: 900 }
  await session.page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(viewport.height, height), 2400) })
  await session.screenshot(name)
  await session.page.setViewportSize(viewport)
}

beforeAll(async () => {
  t = testEngine('e2e-views')
  alpha = `${t.runId}-alpha`
  beta = `${t.runId}-beta`
  one = `${t.runId}-one`
  two = `${t.runId}-two`
  // The engine picks the subnets, so this test cannot collide with another's.
  await t.network(alpha)
  await t.network(beta)
  await t.container(one, { HostConfig: { NetworkMode: alpha } })
  await t.docker.getNetwork(beta).connect({ Container: one })
  await t.container(two, { HostConfig: { NetworkMode: beta }, Env: ['APP_PASSWORD=only-on-request'] })
  e2e = await startE2E({ colorScheme: 'light' })
  await e2e.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.harness.origin })
  await waitConnected(e2e.page)
})

afterAll(async () => {
  await e2e?.close()
  await t?.cleanup()
})

describe('the Interfaces page', () => {
  it('names the right container, bridge and network on each veth, as the kernel and the engine report them', async () => {
    const { page } = e2e
    await go(page, 'interfaces')
    for (const container of [one, two]) {
      const truth = await vethsOf(t, container)
      expect(truth.length).toBe(container === one ? 2 : 1)
      for (const v of truth) {
        const row = page.locator(`[data-testid="interfaces-table"] tr[data-interface="${v.veth}"]`)
        await row.waitFor()
        expect(await row.getAttribute('data-kind')).toBe('veth')
        expect(await row.getAttribute('data-container')).toBe(container)
        expect(await row.getAttribute('data-bridge')).toBe(v.bridge)
        expect(await row.getAttribute('data-network')).toBe(v.network)
        await expect(row.locator('[data-rel="bridge"]').textContent()).resolves.toContain(v.bridge)
      }
    }
    // Each bridge row names the network it carries.
    const inspect = JSON.parse(await t.cli(['network', 'inspect', alpha]))[0]
    const bridgeRow = page.locator(`tr[data-interface="br-${inspect.Id.slice(0, 12)}"]`)
    await expect(bridgeRow.locator('[data-testid="bridge-network"]').textContent()).resolves.toBe(alpha)
    // Live counters arrive once a second while the page shows them: the sparklines fill.
    await expect
      .poll(async () => Number(await page.locator('tr[data-interface="lo"] [data-cell="activity"] svg').getAttribute('data-points')), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3)
    await shot(e2e, 'views-interfaces-light')
  })

  it('filters by container name, and Ctrl+F focuses the filter', async () => {
    const { page } = e2e
    await page.locator('[data-testid="interfaces-page"] h1').click()
    await page.keyboard.press('Control+f')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('interfaces-filter')
    await page.keyboard.type(one)
    const truth = await vethsOf(t, one)
    await expect
      .poll(async () => (await page.locator('[data-testid="interfaces-table"] tbody tr[data-interface]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-interface')))).sort())
      .toEqual(truth.map((v) => v.veth).sort())
    await page.locator('[data-testid="interfaces-filter"]').fill('')
  })

  it('opens the details of a row with Enter, and the veth\'s container with a click on its name', async () => {
    const { page } = e2e
    const [veth] = await vethsOf(t, two)
    const row = page.locator(`tr[data-interface="${veth.veth}"]`)
    await row.focus()
    await page.keyboard.press('Enter')
    const details = page.locator(`[data-testid="interface-details"][data-interface="${veth.veth}"]`)
    await details.waitFor()
    await expect(details.locator('pre').textContent()).resolves.toContain(`${veth.veth}: flags=`)
    await row.locator('[data-testid="veth-container"]').click()
    await page.locator(`[data-testid="container-details"][data-container="${two}"]`).waitFor()
  })

  it("shows docker0's real address in the ifconfig view, and copies the text", async () => {
    const { page } = e2e
    await go(page, 'interfaces')
    await page.locator('[data-tab="ifconfig"]').click()
    const text = page.locator('[data-testid="ifconfig-text"]')
    await text.waitFor()
    const [docker0] = await ipJson<Array<{ addr_info: Array<{ family: string; local: string; prefixlen: number }> }>>(['addr', 'show', 'docker0'])
    const v4 = docker0.addr_info.find((a) => a.family === 'inet')
    expect(v4).toBeDefined()
    const netmask = [0, 1, 2, 3].map((i) => (0xffffffff << (32 - v4!.prefixlen)) >>> (24 - 8 * i) & 0xff).join('.')
    const all = (await text.textContent()) ?? ''
    expect(all).toMatch(/^docker0: flags=/m)
    expect(all).toContain(`inet ${v4!.local}  netmask ${netmask}`)
    await page.locator('[data-testid="ifconfig-select"]').selectOption('docker0')
    await expect(page.locator('[data-testid="command"]').filter({ hasText: 'ifconfig' }).textContent()).resolves.toBe('ifconfig docker0')
    const single = (await text.textContent()) ?? ''
    expect(single.startsWith('docker0: flags=')).toBe(true)
    expect(single).toContain(`inet ${v4!.local}  netmask ${netmask}`)
    await shot(e2e, 'views-ifconfig-light')
    await page.locator('[data-testid="ifconfig-view"] .toolbar [data-testid="copy"]').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(single)
    await page.locator('[data-testid="ifconfig-select"]').selectOption('')
  })
})

describe('the Networks page', () => {
  it('lists both containers with the IPs and MACs the engine reports, and the raw inspect JSON', async () => {
    const { page } = e2e
    await go(page, 'networks')
    const row = page.locator(`[data-testid="networks-table"] tr[data-network="${beta}"]`)
    await row.focus()
    await page.keyboard.press('Enter')
    const details = page.locator(`[data-testid="network-details"][data-network="${beta}"]`)
    await details.waitFor()
    await expect(details.locator('[data-testid="command"]').textContent()).resolves.toBe(`docker network inspect ${beta}`)

    const inspect = JSON.parse(await t.cli(['network', 'inspect', beta]))[0]
    const engine = Object.values(inspect.Containers as Record<string, { Name: string; IPv4Address: string; MacAddress: string }>)
    expect(engine.map((c) => c.Name).sort()).toEqual([one, two].sort())
    const shown = await details.locator('[data-testid="network-containers"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({ name: r.getAttribute('data-container'), ipv4: r.getAttribute('data-ipv4'), mac: r.getAttribute('data-mac'), text: r.textContent ?? '' })),
    )
    expect(shown.map((s) => s.name).sort()).toEqual([one, two].sort())
    for (const c of engine) {
      const s = shown.find((x) => x.name === c.Name)!
      expect(s.ipv4).toBe(c.IPv4Address)
      expect(s.mac).toBe(c.MacAddress)
      expect(s.text).toContain(c.IPv4Address)
      expect(s.text).toContain(c.MacAddress)
    }
    const ipam = (await details.locator('[data-testid="network-ipam"]').textContent()) ?? ''
    expect(ipam).toContain(inspect.IPAM.Config[0].Subnet)
    if (inspect.IPAM.Config[0].Gateway) expect(ipam).toContain(inspect.IPAM.Config[0].Gateway)
    await expect(details.locator('[data-testid="network-labels"]').textContent()).resolves.toContain(t.runId)
    await shot(e2e, 'views-networks-light')

    await details.locator('[data-tab="raw"]').click()
    const raw = details.locator('[data-testid="network-raw"]')
    await raw.waitFor()
    const parsed = JSON.parse((await raw.textContent()) ?? '')
    expect(parsed[0].Id).toBe(inspect.Id)
    expect(Object.keys(parsed[0].Containers).sort()).toEqual(Object.keys(inspect.Containers).sort())
  })
})

describe('the Containers page', () => {
  it('lists each endpoint with its veth, and keeps environment variables hidden until asked', async () => {
    const { page } = e2e
    await go(page, 'containers')
    await page.locator(`[data-testid="containers-table"] tr[data-container="${one}"]`).click()
    const details = page.locator(`[data-testid="container-details"][data-container="${one}"]`)
    await details.waitFor()
    const truth = await vethsOf(t, one)
    const endpoints = await details.locator('[data-testid="container-endpoints"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({ network: r.getAttribute('data-network'), veth: r.getAttribute('data-veth') })),
    )
    expect(endpoints.sort((a, b) => String(a.network).localeCompare(String(b.network)))).toEqual(
      truth.map((v) => ({ network: v.network, veth: v.veth })).sort((a, b) => a.network.localeCompare(b.network)),
    )
    await shot(e2e, 'views-containers-light')

    await page.locator(`[data-testid="containers-table"] tr[data-container="${two}"]`).click()
    const env = page.locator(`[data-testid="container-details"][data-container="${two}"] [data-testid="container-env"]`)
    expect(await env.getAttribute('data-state')).toBe('hidden')
    expect(await page.locator('[data-testid="containers-page"]').textContent()).not.toContain('only-on-request')
    await env.locator('[data-testid="env-show"]').click()
    await expect(env.locator('[data-testid="env-table"]').textContent()).resolves.toContain('only-on-request')
    // Leaving the page forgets them.
    await go(page, 'networks')
    await go(page, 'containers')
    await page.locator(`[data-testid="containers-table"] tr[data-container="${two}"]`).click()
    expect(await page.locator('[data-testid="container-env"]').getAttribute('data-state')).toBe('hidden')
    expect(await page.locator('[data-testid="containers-page"]').textContent()).not.toContain('only-on-request')
  })

  it('opens an explanation from its "?" and closes it with Escape', async () => {
    const { page } = e2e
    await page.locator('[data-testid="container-details"] [data-explain="veth"]').click()
    const panel = page.locator('[data-testid="explain-panel"][data-concept="veth"]')
    await panel.waitFor()
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="explain-panel"]') !== null)).toBe(true)
    await shot(e2e, 'views-explain-light')
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-explain'))).toBe('veth')
  })
})

describe('languages and themes', () => {
  it('switches to Korean in Settings and shows Korean labels', async () => {
    const { page } = e2e
    await go(page, 'settings')
    await shot(e2e, 'views-settings-light')
    await page.locator('[data-testid="language"]').selectOption('ko')
    const ko = messages.ko
    await expect.poll(() => page.locator('[data-page="interfaces"]').textContent().then((s) => s?.trim())).toBe(ko.nav.interfaces)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko')
    await go(page, 'interfaces')
    await expect(page.locator('[data-testid="interfaces-page"] h1').textContent()).resolves.toBe(ko.interfaces.title)
    await expect(page.locator('th[data-column="links"]').textContent().then((s) => s?.trim())).resolves.toBe(ko.interfaces.columns.links)
    await shot(e2e, 'views-interfaces-ko-light')
    await go(page, 'networks')
    await expect(page.locator('[data-testid="networks-page"] h1').textContent()).resolves.toBe(ko.networks.title)
    await go(page, 'settings')
    await page.locator('[data-testid="language"]').selectOption('en')
  })

  it('follows the OS theme, and Settings overrides it', async () => {
    const { page } = e2e
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    await page.locator('[data-testid="theme"]').selectOption('dark')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    await page.locator('[data-testid="theme"]').selectOption('system')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
  })

  it('starts dark and in Korean when the OS is, and every page reads well in dark and in Korean', async () => {
    const dark = await startE2E({ colorScheme: 'dark', locale: 'ko-KR' })
    try {
      const { page } = dark
      await waitConnected(page)
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
      await expect(page.locator('[data-page="networks"]').textContent().then((s) => s?.trim())).resolves.toBe(messages.ko.nav.networks)

      await go(page, 'interfaces')
      await page.locator(`tr[data-interface][data-container="${one}"]`).first().waitFor()
      // Let a few counter samples arrive so the sparklines have something to draw.
      await page.waitForTimeout(3000)
      await shot(dark, 'views-interfaces-dark-ko')
      await page.locator('[data-tab="ifconfig"]').click()
      await shot(dark, 'views-ifconfig-dark-ko')

      await go(page, 'networks')
      await page.locator(`tr[data-network="${beta}"]`).click()
      await page.locator('[data-testid="network-containers"]').waitFor()
      await shot(dark, 'views-networks-dark-ko')

      await go(page, 'containers')
      await page.locator(`tr[data-container="${one}"]`).click()
      await page.locator('[data-testid="container-endpoints"]').waitFor()
      await shot(dark, 'views-containers-dark-ko')
      await page.locator('[data-testid="container-details"] [data-explain="container-sharing"]').click()
      await page.locator('[data-testid="explain-panel"]').waitFor()
      await shot(dark, 'views-explain-dark-ko')

      await go(page, 'settings')
      await shot(dark, 'views-settings-dark-ko')
    } finally {
      await dark.close()
    }
  })
})

describe('an engine that cannot be reached', () => {
  it('says so in a sentence, names what was tried, gives the next step, and offers Retry', async () => {
    const saved = process.env.DOCKER_HOST
    process.env.DOCKER_HOST = `unix:///tmp/${t.runId}-no-engine.sock`
    let broken: E2E | undefined
    try {
      broken = await startE2E({ colorScheme: 'light' })
      const problem = broken.page.locator('[data-testid="engine-problem"]')
      await problem.waitFor()
      expect(await problem.getAttribute('data-code')).toBe('ENGINE_UNREACHABLE')
      const text = (await problem.textContent()) ?? ''
      expect(text).toContain(messages.en.errors.ENGINE_UNREACHABLE.title)
      expect(text).toContain(`${t.runId}-no-engine.sock`)
      await expect(problem.locator('[data-testid="retry"]').isVisible()).resolves.toBe(true)
      await shot(broken, 'views-unreachable-light')
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST
      else process.env.DOCKER_HOST = saved
      await broken?.close()
    }
  })
})
