import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from '../support/browser'
import { testEngine, type TestEngine } from '../support/engine'

let t: TestEngine
let e2e: E2E

beforeAll(async () => {
  t = testEngine('e2e-networks')
  await t.network(`${t.runId}-custombridge`, { IPAM: { Driver: 'default', Config: [{ Subnet: '10.213.9.0/24', Gateway: '10.213.9.1' }] } })
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
  await t.cleanup()
})

describe('the Networks page in Chromium through the harness', () => {
  it("lists the engine's bridge, host and none networks and the one this test made", async () => {
    const { page } = e2e
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor()
    await page.locator('[data-page="networks"]').click()
    const mine = `${t.runId}-custombridge`
    await page.locator(`[data-network="${mine}"]`).waitFor()
    const names = await page.locator('[data-testid="networks-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-network')))
    const engineNames = (await t.cli(['network', 'ls', '--format', '{{.Name}}'])).trim().split('\n')
    for (const name of ['bridge', 'host', 'none', mine]) expect(names).toContain(name)
    expect([...names].sort()).toEqual([...engineNames].sort())

    const row = page.locator(`[data-network="${mine}"]`)
    await expect(row.textContent()).resolves.toContain('10.213.9.0/24')
    const inspect = JSON.parse(await t.cli(['network', 'inspect', mine]))[0]
    await expect(row.textContent()).resolves.toContain(`br-${inspect.Id.slice(0, 12)}`)
    const bridgeRow = page.locator('[data-network="bridge"]')
    await expect(bridgeRow.textContent()).resolves.toContain('docker0')

    const status = await page.locator('[data-testid="engine-status"]').textContent()
    const version = (await t.cli(['version', '--format', '{{.Server.Version}}'])).trim()
    expect(status).toContain(version)
    await e2e.screenshot('networks-page')
  })
})

describe('the engine unreachable screen', () => {
  it('says what was tried and offers Retry', async () => {
    const nowhere = 'unix:///tmp/bridgeview-e2e-no-engine.sock'
    const unreachable = await startE2E({ host: nowhere })
    try {
      const { page } = unreachable
      const problem = page.locator('[data-testid="engine-problem"]')
      await problem.waitFor()
      expect(await problem.getAttribute('data-code')).toBe('ENGINE_UNREACHABLE')
      expect(await problem.textContent()).toContain(nowhere)
      await page.locator('[data-testid="retry"]').click()
      await problem.waitFor()
      expect(await problem.getAttribute('data-code')).toBe('ENGINE_UNREACHABLE')
      await unreachable.screenshot('engine-unreachable')
    } finally {
      await unreachable.close()
    }
  })
})
