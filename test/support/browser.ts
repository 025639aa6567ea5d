/**
 * Debian's Chromium driven by playwright-core, pointed at the harness. Flags keep it from
 * reaching for Google's services, which this machine's closed network would refuse.
 */
import { mkdirSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startHarness, type Harness } from '../../electron/harness/server'
import { testDockerHost } from './engine'

export const ROOT = resolve(__dirname, '../..')
export const RESULTS = join(ROOT, 'test-results')

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
]

export interface E2E {
  harness: Harness
  browser: Browser
  context: BrowserContext
  page: Page
  /** Saves a full-page screenshot under test-results/ and returns its path. */
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

export async function startE2E(
  options: { locale?: string; colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; host?: string } = {},
): Promise<E2E> {
  mkdirSync(RESULTS, { recursive: true })
  const harness = await startHarness({
    rendererDir: join(ROOT, 'out/renderer'),
    exportDir: join(RESULTS, 'exports'),
    connect: { host: options.host ?? testDockerHost() },
  })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  })
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1400, height: 900 },
  })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  await page.goto(harness.url)
  return {
    harness,
    browser,
    context,
    page,
    async screenshot(name) {
      const path = join(RESULTS, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
    async close() {
      await browser.close().catch(() => undefined)
      await harness.close()
      if (problems.length > 0) console.warn(`browser reported:\n${problems.join('\n')}`)
    },
  }
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}
