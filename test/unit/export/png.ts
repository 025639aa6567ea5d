/** Just enough PNG decoding for tests: the header, and 8-bit RGBA/RGB pixels. */
import { inflateSync } from 'node:zlib'

export interface DecodedPng {
  width: number
  height: number
  /** Straight RGBA, 4 bytes per pixel. */
  rgba: Uint8Array
}

const SIGNATURE = '89504e470d0a1a0a'

export function pngHeader(png: Buffer): { width: number; height: number; bitDepth: number; colorType: number } {
  if (png.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG')
  if (png.subarray(12, 16).toString('ascii') !== 'IHDR') throw new Error('IHDR is not the first chunk')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24], colorType: png[25] }
}

export function decodePng(png: Buffer): DecodedPng {
  const { width, height, bitDepth, colorType } = pngHeader(png)
  if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2)) throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}`)
  const channels = colorType === 6 ? 4 : 3
  const idat: Buffer[] = []
  let offset = 8
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.subarray(offset + 4, offset + 8).toString('ascii')
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length))
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  if (raw.length !== height * (stride + 1)) throw new Error(`IDAT holds ${raw.length} bytes, expected ${height * (stride + 1)}`)
  const out = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0
      const b = y > 0 ? out[(y - 1) * stride + x] : 0
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0
      let predictor = 0
      if (filter === 1) predictor = a
      else if (filter === 2) predictor = b
      else if (filter === 3) predictor = (a + b) >> 1
      else if (filter === 4) {
        const p = a + b - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - b)
        const pc = Math.abs(p - c)
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      }
      out[y * stride + x] = (line[x] + predictor) & 0xff
    }
  }
  if (channels === 4) return { width, height, rgba: out }
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0, j = 0; i < out.length; i += 3, j += 4) {
    rgba[j] = out[i]
    rgba[j + 1] = out[i + 1]
    rgba[j + 2] = out[i + 2]
    rgba[j + 3] = 255
  }
  return { width, height, rgba }
}

/** How many pixels differ from the colour of the top-left pixel. */
export function pixelsUnlikeCorner(image: DecodedPng): number {
  const [r, g, b, a] = image.rgba.subarray(0, 4)
  let count = 0
  for (let i = 0; i < image.rgba.length; i += 4) {
    if (image.rgba[i] !== r || image.rgba[i + 1] !== g || image.rgba[i + 2] !== b || image.rgba[i + 3] !== a) count++
  }
  return count
}

export function pixelAt(image: DecodedPng, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4
  return [image.rgba[i], image.rgba[i + 1], image.rgba[i + 2], image.rgba[i + 3]]
}
