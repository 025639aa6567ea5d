/**
 * Everything main does, as an ordered list of setup steps over an injected Electron API, so
 * a unit test can run it with a recording fake (the Electron binary cannot start in CI).
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, WebContents } from 'electron'
import { INVOKE_CHANNELS, wireEvent, wireInvoke, type Events } from '../shared/contract'
import { createDispatcher, type Dispatch } from '../shared/rpc'
import type { AppServices } from '../services/app'

/** The parts of Electron main uses; the real module satisfies it, and so does the test's fake. */
export interface ElectronApi {
  app: {
    whenReady(): Promise<unknown>
    on(event: 'window-all-closed' | 'activate' | 'web-contents-created' | 'before-quit', listener: (...args: any[]) => void): unknown
    quit(): void
    getVersion(): string
    isPackaged: boolean
  }
  BrowserWindow: {
    new (options: BrowserWindowConstructorOptions): ElectronWindow
    getAllWindows(): unknown[]
  }
  ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void
  }
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void
      setPermissionCheckHandler?(handler: (webContents: unknown, permission: string) => boolean): void
      webRequest: {
        onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void): void
      }
    }
  }
}

export interface ElectronWindow {
  webContents: Pick<WebContents, 'id' | 'send' | 'setWindowOpenHandler' | 'on'> & { isDestroyed(): boolean }
  loadURL(url: string): Promise<unknown>
  loadFile(path: string): Promise<unknown>
  on(event: 'closed' | 'ready-to-show', listener: () => void): unknown
  show(): void
  isDestroyed(): boolean
}

/** Content Security Policy of the app's pages: nothing but our own files; no eval, no remote code. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export type Emit = <E extends keyof Events>(channel: E, payload: Events[E]) => void

export interface SetupOptions {
  electron: ElectronApi
  services: (emit: Emit) => AppServices
  /** Folder holding preload/ and renderer/ builds. */
  outDir: string
  /** Dev server URL under `electron-vite dev`; the built files otherwise. */
  devServerUrl?: string
  log?: (line: string) => void
}

/** Electron security checklist #4 (process sandboxing), #3 (context isolation), #2 (no Node.js integration). */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Bridgeview',
    backgroundColor: '#10141a',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  }
}

export function appUrl(options: Pick<SetupOptions, 'outDir' | 'devServerUrl'>): string {
  return options.devServerUrl ?? pathToFileURL(join(options.outDir, 'renderer', 'index.html')).href
}

/** Whether a frame URL is one of our own pages (Electron security checklist #17: validate the sender of all IPC messages). */
export function isAppUrl(url: string | undefined, expected: string): boolean {
  if (!url) return false
  try {
    const actual = new URL(url)
    const wanted = new URL(expected)
    if (wanted.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === wanted.pathname
    return actual.origin === wanted.origin
  } catch {
    return false
  }
}

/** Main's whole life, in order. */
export async function setupApp(options: SetupOptions): Promise<{ window: ElectronWindow; dispatch: Dispatch; services: AppServices }> {
  const { electron } = options
  setupNavigationGuards(options)
  await electron.app.whenReady()
  setupSessionSecurity(options)
  const window = createMainWindow(options)
  const services = options.services((channel, payload) => {
    if (!window.isDestroyed() && !window.webContents.isDestroyed()) window.webContents.send(wireEvent(channel), payload)
  })
  const dispatch = setupIpc(options, window, services)
  setupLifecycle(options, services)
  await (options.devServerUrl ? window.loadURL(options.devServerUrl) : window.loadFile(join(options.outDir, 'renderer', 'index.html')))
  return { window, dispatch, services }
}

/** Checklist #13 and #14: no navigation away from the app, no new windows. */
export function setupNavigationGuards({ electron }: SetupOptions): void {
  electron.app.on('web-contents-created', (_event: unknown, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/** Checklist #5 (permission requests) and #7 (CSP, also as a response header). */
export function setupSessionSecurity({ electron }: SetupOptions): void {
  const session = electron.session.defaultSession
  // Copy buttons write text to the clipboard; nothing else (camera, notifications, …) is granted.
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  session.setPermissionCheckHandler?.((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

export function createMainWindow(options: SetupOptions): ElectronWindow {
  const window = new options.electron.BrowserWindow(secureWindowOptions(join(options.outDir, 'preload', 'index.cjs')))
  window.on('ready-to-show', () => window.show())
  return window
}

/** Registers exactly one handler per contract channel, all through the one dispatcher. */
export function setupIpc(options: SetupOptions, window: ElectronWindow, services: AppServices): Dispatch {
  const expectedUrl = appUrl(options)
  const caller = `window-${window.webContents.id}`
  const dispatch = createDispatcher(services.handlersFor(caller), options.log)
  for (const channel of INVOKE_CHANNELS) {
    options.electron.ipcMain.handle(wireInvoke(channel), (event, ...args) => {
      const frameUrl = event.senderFrame?.url
      const trusted = event.sender?.id === window.webContents.id && isAppUrl(frameUrl, expectedUrl)
      return dispatch(channel, args, { trustedSender: trusted, sender: frameUrl ?? `webContents ${event.sender?.id}` })
    })
  }
  window.on('closed', () => services.release(caller))
  return dispatch
}

export function setupLifecycle({ electron }: SetupOptions, services: AppServices): void {
  electron.app.on('window-all-closed', () => {
    services.dispose()
    electron.app.quit()
  })
}
