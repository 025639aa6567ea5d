import { join } from 'node:path'
import * as electron from 'electron'
import { AppServices } from '../services/app'
import { chooseHostReader } from '../services/host-select'
import { saveExport } from '../services/export/raster'
import type { ExportRequest, SavedFile } from '../shared/types'
import { setupApp, type ElectronApi } from './setup'

const outDir = join(__dirname, '..')

/** Export goes where the user says, through the native save dialog. */
async function saveWithDialog(request: ExportRequest): Promise<SavedFile> {
  const window = electron.BrowserWindow.getFocusedWindow() ?? electron.BrowserWindow.getAllWindows()[0]
  const filters = request.format === 'png' ? [{ name: 'PNG image', extensions: ['png'] }] : [{ name: 'SVG image', extensions: ['svg'] }]
  const options = { defaultPath: join(electron.app.getPath('pictures'), request.suggestedName), filters }
  const choice = window ? await electron.dialog.showSaveDialog(window, options) : await electron.dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return { path: null, bytes: 0, width: 0, height: 0 }
  return saveExport(request, choice.filePath)
}

void setupApp({
  electron: electron as unknown as ElectronApi,
  outDir,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  log: (line) => console.error(`[bridgeview] ${line}`),
  services: (emit) =>
    new AppServices({
      shell: 'electron',
      version: electron.app.getVersion(),
      emit,
      hostReaderFor: chooseHostReader,
      saveExport: saveWithDialog,
    }),
})
