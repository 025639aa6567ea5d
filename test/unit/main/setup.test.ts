import { describe, expect, it } from 'vitest'
import { EVENT_CHANNELS, INVOKE_CHANNELS, wireEvent, wireInvoke } from '../../../electron/shared/contract'
import { AppServices } from '../../../electron/services/app'
import { unavailableHostReader } from '../../../electron/services/topology/host-reader'
import { CONTENT_SECURITY_POLICY, setupApp, type ElectronApi } from '../../../electron/main/setup'

/** A recording stand-in for Electron's main-process API: it keeps what main asked of it. */
function recordingElectron() {
  const handlers = new Map<string, Array<(event: any, ...args: unknown[]) => unknown>>()
  const appListeners = new Map<string, Array<(...args: any[]) => void>>()
  const windows: any[] = []
  let headerListener: ((details: any, cb: (r: any) => void) => void) | null = null
  let permissionHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null
  const sent: Array<{ channel: string; payload: unknown }> = []

  class FakeWindow {
    static nextId = 1
    options: any
    loaded: string | null = null
    listeners = new Map<string, () => void>()
    webContents: any
    constructor(options: any) {
      this.options = options
      const id = FakeWindow.nextId++
      this.webContents = {
        id,
        send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
        setWindowOpenHandler: () => undefined,
        on: () => undefined,
        isDestroyed: () => false,
      }
      windows.push(this)
    }
    loadURL = async (url: string) => void (this.loaded = url)
    loadFile = async (path: string) => void (this.loaded = path)
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener)
    }
    show() {}
    isDestroyed() {
      return false
    }
    static getAllWindows() {
      return windows
    }
  }

  const electron: ElectronApi = {
    app: {
      whenReady: async () => undefined,
      on: (event: string, listener: (...args: any[]) => void) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener])
      },
      quit: () => undefined,
      getVersion: () => '0.0.0-test',
      isPackaged: false,
    },
    BrowserWindow: FakeWindow as unknown as ElectronApi['BrowserWindow'],
    ipcMain: {
      handle: (channel, listener) => {
        handlers.set(channel, [...(handlers.get(channel) ?? []), listener])
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler) => void (permissionHandler = handler),
        webRequest: { onHeadersReceived: (listener) => void (headerListener = listener) },
      },
    },
  }
  return { electron, handlers, appListeners, windows, sent, header: () => headerListener, permission: () => permissionHandler }
}

async function start() {
  const fake = recordingElectron()
  const result = await setupApp({
    electron: fake.electron,
    outDir: '/opt/bridgeview/out',
    services: (emit) =>
      new AppServices({
        shell: 'electron',
        version: '0.0.0-test',
        emit,
        connect: { host: 'unix:///nonexistent/bridgeview-test.sock' },
        hostReaderFor: async () => unavailableHostReader('test'),
        saveExport: async () => ({ path: null, bytes: 0, width: 0, height: 0 }),
      }),
  })
  return { fake, ...result }
}

const appFrame = 'file:///opt/bridgeview/out/renderer/index.html'

describe("main's setup", () => {
  it('opens one window with context isolation, the sandbox and no Node integration', async () => {
    const { fake } = await start()
    expect(fake.windows).toHaveLength(1)
    const prefs = fake.windows[0].options.webPreferences
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(prefs.preload).toBe('/opt/bridgeview/out/preload/index.cjs')
    expect(fake.windows[0].loaded).toBe('/opt/bridgeview/out/renderer/index.html')
  })

  it('registers exactly one handler for every channel of the contract and nothing else', async () => {
    const { fake } = await start()
    expect([...fake.handlers.keys()].sort()).toEqual(INVOKE_CHANNELS.map(wireInvoke).sort())
    for (const list of fake.handlers.values()) expect(list).toHaveLength(1)
  })

  it("refuses a message from a sender that is not the app's window", async () => {
    const { fake } = await start()
    const handler = fake.handlers.get(wireInvoke('app:info'))![0]
    const ownId = fake.windows[0].webContents.id
    const fromOtherContents = await handler({ sender: { id: ownId + 100 }, senderFrame: { url: appFrame } })
    expect(fromOtherContents).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    const fromForeignPage = await handler({ sender: { id: ownId }, senderFrame: { url: 'https://example.com/' } })
    expect(fromForeignPage).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    const fromApp = await handler({ sender: { id: ownId }, senderFrame: { url: appFrame } })
    expect(fromApp).toMatchObject({ ok: true, value: { shell: 'electron', version: '0.0.0-test' } })
  })

  it('validates arguments in main even when the renderer skipped its own check', async () => {
    const { fake } = await start()
    const handler = fake.handlers.get(wireInvoke('networks:inspect'))![0]
    const ownId = fake.windows[0].webContents.id
    const reply = await handler({ sender: { id: ownId }, senderFrame: { url: appFrame } }, { not: 'a name' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('reports an engine that is not there as ENGINE_UNREACHABLE with what was tried', async () => {
    const { fake } = await start()
    const handler = fake.handlers.get(wireInvoke('engine:info'))![0]
    const ownId = fake.windows[0].webContents.id
    const reply = (await handler({ sender: { id: ownId }, senderFrame: { url: appFrame } })) as any
    expect(reply.ok).toBe(false)
    expect(reply.error.code).toBe('ENGINE_UNREACHABLE')
    expect(reply.error.detail.tried).toEqual(['unix:///nonexistent/bridgeview-test.sock'])
  })

  it('sets a strict CSP, denies permission requests and blocks navigation and new windows', async () => {
    const { fake } = await start()
    let headers: any
    fake.header()!({ responseHeaders: {} }, (r) => (headers = r.responseHeaders))
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline')
    let granted: boolean | null = null
    fake.permission()!({}, 'media', (g) => (granted = g))
    expect(granted).toBe(false)
    fake.permission()!({}, 'clipboard-read', (g) => (granted = g))
    expect(granted).toBe(false)
    fake.permission()!({}, 'clipboard-sanitized-write', (g) => (granted = g))
    expect(granted).toBe(true)

    const contentsListeners = new Map<string, (event: { preventDefault(): void }) => void>()
    let openHandler: (() => { action: string }) | null = null
    const contents = { on: (e: string, l: any) => contentsListeners.set(e, l), setWindowOpenHandler: (h: any) => (openHandler = h) }
    for (const l of fake.appListeners.get('web-contents-created') ?? []) l({}, contents)
    let prevented = false
    contentsListeners.get('will-navigate')!({ preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    expect(openHandler!()).toEqual({ action: 'deny' })
  })

  it('sends events only on the contract event channels', async () => {
    const { fake, services } = await start()
    expect(EVENT_CHANNELS.map(wireEvent)).toContain('bv:event:topology:changed')
    expect(fake.sent).toEqual([])
    services.dispose()
  })
})
