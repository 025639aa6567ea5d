/**
 * `npm run dev:browser`: the app without Electron. Builds nothing itself; run `npm run build`
 * first (the script does). Prints a URL on 127.0.0.1 with the session token.
 */
import { join, resolve } from 'node:path'
import { startHarness } from './server'

async function run(): Promise<void> {
  const root = resolve(__dirname, '../..')
  const harness = await startHarness({
    rendererDir: join(root, 'out/renderer'),
    exportDir: join(root, 'exports'),
    port: Number(process.env.BRIDGEVIEW_PORT ?? 0),
    log: (line) => console.error(line),
  })
  console.log(`Bridgeview is at ${harness.url}`)
  const stop = (): void => void harness.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void run()
