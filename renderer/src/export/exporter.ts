/**
 * Exports the diagram through the contract's `export:save`: SVG as markup; PNG encoded
 * here with Chromium's canvas (rasterize.ts), falling back to the desktop side's resvg
 * when the browser cannot draw it. Measured on the 1000-container diagram (16044 × 3410
 * px at 1×): resvg takes 6–10 s, mostly laying out text; the canvas path well under 1 s.
 */
import { BridgeviewError } from '@shared/errors'
import { PNG_EXPORT_LIMITS, type ExportRequest, type SavedFile } from '@shared/types'
import { call } from '../api'
import { toSvgString, type SvgNode } from '../diagram/markup'
import { pictureGeometry, rasterizeTree } from './rasterize'

export type ExportFormat = 'png' | 'svg'
export type ExportScale = 1 | 2 | 3

export interface ExportJob {
  /** The picture, as diagramTree() builds it (background and theme already chosen). */
  tree: SvgNode
  format: ExportFormat
  scale: ExportScale
  /** File name without extension. */
  baseName: string
  onProgress?: (done: number) => void
}

export interface ExportOutcome extends SavedFile {
  /** Who drew the PNG: this page (Chromium) or the desktop side (resvg). */
  renderedBy: 'browser' | 'desktop' | null
}

/** The pixel size a PNG export of this tree would have. */
export function pngSizeOf(tree: SvgNode, scale: ExportScale): { width: number; height: number } {
  const { width, height } = pictureGeometry(tree, scale)
  return { width, height }
}

/** A file name the contract accepts: no separators, and the extension last. */
export function fileNameFor(baseName: string, format: ExportFormat): string {
  const safe = baseName.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'bridgeview-diagram'
  return `${safe.slice(0, 180)}.${format}`
}

/** Reads a blob as base64 without building a giant string by hand. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('could not read the PNG'))
    reader.readAsDataURL(blob)
  })
}

function refuseTooLarge(width: number, height: number, scale: number): void {
  const { maxPixels, maxSide } = PNG_EXPORT_LIMITS
  if (width * height <= maxPixels && width <= maxSide && height <= maxSide) return
  throw new BridgeviewError('OPERATION_REFUSED', `A PNG of this diagram at ${scale}× would be ${width} × ${height} pixels, more than Bridgeview writes.`, {
    reason: 'EXPORT_TOO_LARGE',
    width,
    height,
    scale,
    maxPixels,
    maxSide,
  })
}

/** Runs one export; a SavedFile with `path: null` means the user cancelled the save dialog. */
export async function exportDiagram(job: ExportJob): Promise<ExportOutcome> {
  const suggestedName = fileNameFor(job.baseName, job.format)
  if (job.format === 'svg') {
    const saved = await call('export:save', { format: 'svg', svg: toSvgString(job.tree), scale: 1, suggestedName })
    return { ...saved, renderedBy: null }
  }
  const { width, height } = pngSizeOf(job.tree, job.scale)
  refuseTooLarge(width, height, job.scale)
  let request: ExportRequest
  let renderedBy: ExportOutcome['renderedBy']
  try {
    const raster = await rasterizeTree(job.tree, job.scale, undefined, job.onProgress)
    request = { format: 'png', png: await blobToBase64(raster.png), scale: job.scale, suggestedName }
    renderedBy = 'browser'
  } catch (error) {
    // The browser could not draw it (a canvas refused, memory ran out): resvg on the desktop side can.
    console.warn('Drawing the PNG in the page failed; the desktop side renders it instead.', error)
    request = { format: 'png', svg: toSvgString(job.tree), scale: job.scale, suggestedName }
    renderedBy = 'desktop'
  }
  const saved = await call('export:save', request)
  job.onProgress?.(1)
  return { ...saved, renderedBy }
}
