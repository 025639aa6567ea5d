/**
 * The browser harness: a Node process hosting the very same services as Electron's main,
 * serving the built renderer and the contract over a WebSocket on 127.0.0.1 with a random
 * token. Used by the e2e tests, the benchmarks and `npm run dev:browser`.
 */
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { mkdir } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { build } from 'esbuild'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Events } from '../shared/contract'
import { createDispatcher } from '../shared/rpc'
import type { ExportRequest, SavedFile } from '../shared/types'
import { AppServices } from '../services/app'
import type { ConnectOptions } from '../services/engine/engine'
import { saveExport } from '../services/export/raster'
import { chooseHostReader } from '../services/host-select'
import { CONTENT_SECURITY_POLICY } from '../main/setup'

export interface HarnessOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** Where `export:save` writes files (the harness has no save dialog). */
  exportDir: string
  connect?: ConnectOptions
  port?: number
  version?: string
  log?: (line: string) => void
}

export interface Harness {
  url: string
  origin: string
  token: string
  services: AppServices
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

const CLIENT_PATH = '/__bridgeview/client.js'

async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'browser-client.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
  })
  return result.outputFiles[0].text
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('hex')
  const client = await bundleClient()
  const rendererDir = resolve(options.rendererDir)
  await mkdir(options.exportDir, { recursive: true })
  const sockets = new Set<WebSocket>()
  const emit = <E extends keyof Events>(event: E, payload: Events[E]): void => {
    const text = JSON.stringify({ event, payload })
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(text)
  }
  let exportCounter = 0
  const services = new AppServices({
    shell: 'harness',
    version: options.version ?? '0.0.0-harness',
    connect: options.connect,
    emit,
    hostReaderFor: chooseHostReader,
    saveExport: (request: ExportRequest): Promise<SavedFile> => {
      exportCounter += 1
      const name = `${String(exportCounter).padStart(3, '0')}-${request.suggestedName}`
      return saveExport(request, join(options.exportDir, name))
    },
  })

  let origin = ''
  const server = createServer((req, res) => {
    void serveStatic(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error))
    })
  })

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    const csp = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${origin.replace('http', 'ws')}`)
    const headers = { 'Content-Security-Policy': csp, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }
    if (url.pathname === CLIENT_PATH) {
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.js'] }).end(client)
      return
    }
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1))
    const file = normalize(join(rendererDir, relative))
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      res.writeHead(403).end()
      return
    }
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      res.writeHead(404, headers).end('not found')
      return
    }
    if (extname(file) === '.html') {
      // The harness client must define window.bridgeview before the app's module script runs.
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head>\n    <script src="${CLIENT_PATH}"></script>`))
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 300 * 1024 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin)
    // The harness' sender check: only a page it served (same origin) holding its token may call.
    const trusted = url.pathname === '/__bridgeview/rpc' && url.searchParams.get('token') === token && req.headers.origin === origin
    wss.handleUpgrade(req, socket, head, (ws) => {
      const caller = `harness-${randomBytes(6).toString('hex')}`
      const dispatch = createDispatcher(services.handlersFor(caller), options.log)
      if (trusted) sockets.add(ws)
      ws.on('message', (data) => {
        let message: { id?: unknown; channel?: unknown; args?: unknown }
        try {
          message = JSON.parse(String(data))
        } catch {
          ws.close(1003, 'not JSON')
          return
        }
        void dispatch(message.channel, message.args, { trustedSender: trusted, sender: `${req.headers.origin ?? 'unknown origin'}` }).then(
          (envelope) => ws.send(JSON.stringify({ id: message.id, envelope })),
        )
      })
      ws.on('close', () => {
        sockets.delete(ws)
        services.release(caller)
      })
    })
  })

  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    services,
    async close() {
      services.dispose()
      for (const socket of wss.clients) socket.terminate()
      wss.close()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
