import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 as zlibCrc32 } from 'node:zlib'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveExport, pngSize } from '../../../electron/services/export/raster'
import { ExportRequestSchema } from '../../../electron/shared/contract'
import { BridgeviewError } from '../../../electron/shared/errors'
import { validateArgs } from '../../../electron/shared/rpc'
import { crc32, PngBandWriter } from '../../../renderer/src/export/png'
import { fileNameFor } from '../../../renderer/src/export/exporter'
import { decodePng, pngHeader } from './png'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bridgeview-png-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A PNG of `width` × `height` written in bands: a gradient, so every row differs. */
async function gradientPng(width: number, height: number, bandRows: number): Promise<Buffer> {
  const writer = new PngBandWriter(width, height)
  for (let top = 0; top < height; top += bandRows) {
    const rows = Math.min(bandRows, height - top)
    const band = writer.band(rows)
    for (let r = 0; r < rows; r++) {
      for (let x = 0; x < width; x++) {
        const i = r * writer.stride + 1 + x * 4
        band[i] = x % 256
        band[i + 1] = (top + r) % 256
        band[i + 2] = 128
        band[i + 3] = x === 0 ? 0 : 255
      }
    }
    await writer.write(band)
  }
  return Buffer.from(await (await writer.finish()).arrayBuffer())
}

describe('the PNG band writer', () => {
  it('computes CRC-32 as zlib does', () => {
    const bytes = new TextEncoder().encode('IHDR and some pixels')
    expect(crc32(bytes)).toBe(zlibCrc32(bytes) >>> 0)
    expect(crc32(bytes.subarray(5), crc32(bytes.subarray(0, 5)))).toBe(zlibCrc32(bytes) >>> 0)
  })

  it('writes a PNG that decodes to exactly the rows it was given, band after band', async () => {
    const png = await gradientPng(300, 77, 10)
    expect(pngHeader(png)).toEqual({ width: 300, height: 77, bitDepth: 8, colorType: 6 })
    const image = decodePng(png)
    expect([...image.rgba.subarray(0, 8)]).toEqual([0, 0, 128, 0, 1, 0, 128, 255])
    const last = (76 * 300 + 299) * 4
    expect([...image.rgba.subarray(last, last + 4)]).toEqual([299 % 256, 76, 128, 255])
  })

  it('carries nothing but the picture: IHDR, IDAT and IEND, each with a valid checksum', async () => {
    const png = await gradientPng(64, 64, 64)
    const types: string[] = []
    for (let offset = 8; offset < png.length; ) {
      const length = png.readUInt32BE(offset)
      const type = png.toString('ascii', offset + 4, offset + 8)
      types.push(type)
      expect(png.readUInt32BE(offset + 8 + length)).toBe(zlibCrc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0)
      offset += 12 + length
    }
    expect(new Set(types)).toEqual(new Set(['IHDR', 'IDAT', 'IEND']))
  })

  it('refuses rows that do not add up to the picture', async () => {
    const writer = new PngBandWriter(10, 4)
    await expect(writer.write(new Uint8Array(7))).rejects.toThrow(/whole scanlines/)
    await writer.write(writer.band(2))
    await expect(writer.finish()).rejects.toThrow(/2 rows of 4/)
  })
})

describe('an export the renderer already encoded', () => {
  it('is accepted by the contract as base64 PNG, and refused when mixed up or malformed', async () => {
    const png = (await gradientPng(20, 10, 10)).toString('base64')
    const ok = { format: 'png', png, scale: 2, suggestedName: 'bridgeview-diagram.png' }
    expect(v.safeParse(ExportRequestSchema, ok).success).toBe(true)
    expect(v.safeParse(ExportRequestSchema, { format: 'svg', svg: '<svg/>', scale: 1, suggestedName: 'a.svg' }).success).toBe(true)
    const refused = [
      { ...ok, format: 'svg' },
      { ...ok, suggestedName: 'bridgeview-diagram.svg' },
      { ...ok, svg: '<svg/>' },
      { ...ok, png: Buffer.from('GIF89a not a png').toString('base64') },
      { ...ok, png: `${png.slice(0, -4)}!!!!` },
      { ...ok, png: png.slice(0, -1) },
      { format: 'png', scale: 1, suggestedName: 'a.png' },
      { ...ok, scale: 4 },
      { ...ok, suggestedName: '../escape.png' },
    ]
    for (const request of refused) expect(v.safeParse(ExportRequestSchema, request).success, JSON.stringify(request).slice(0, 80)).toBe(false)
    expect(() => validateArgs('export:save', [{ ...ok, format: 'svg' }])).toThrow(BridgeviewError)
  })

  it('is written as is, its size read from its header', async () => {
    const png = await gradientPng(40, 30, 7)
    const target = join(dir, 'encoded.png')
    const saved = await saveExport({ format: 'png', png: png.toString('base64'), scale: 1, suggestedName: 'encoded.png' }, target)
    expect(saved).toEqual({ path: target, bytes: png.length, width: 40, height: 30 })
    expect((await readFile(target)).equals(png)).toBe(true)
  })

  it('is refused when it is not a sound PNG or is larger than Bridgeview writes', async () => {
    expect(() => pngSize(Buffer.from('not a png at all, not at all, not at all'))).toThrow(/not a PNG/)
    const damaged = await gradientPng(10, 10, 10)
    damaged[16] ^= 0xff
    expect(() => pngSize(damaged)).toThrow(/checksum/)
    const fine = await gradientPng(300, 300, 300)
    expect(pngSize(fine)).toEqual({ width: 300, height: 300 })
    expect(() => pngSize(fine, { maxPixels: 1000 })).toThrow(expect.objectContaining({ code: 'OPERATION_REFUSED' }))
  })
})

describe('export file names', () => {
  it('are plain names the contract accepts, ending in the format', () => {
    expect(fileNameFor('bridgeview-diagram', 'png')).toBe('bridgeview-diagram.png')
    expect(fileNameFor('bridgeview-my net/../x', 'svg')).toBe('bridgeview-my-net-..-x.svg')
    expect(fileNameFor('...', 'png')).toBe('bridgeview-diagram.png')
    for (const name of [fileNameFor('a:b\\c', 'png'), fileNameFor('x'.repeat(500), 'svg')]) {
      expect(name).toMatch(/^[^/\\:\0]+\.(png|svg)$/)
      expect(name.length).toBeLessThanOrEqual(200)
    }
  })
})
