/**
 * A PNG writer fed band by band, for pictures larger than one canvas: the browser's own
 * encoder (canvas.toBlob) only sees one canvas, and Chromium gives up on a canvas past
 * 16384 px a side or 268 M px. Rows are compressed with the platform's zlib through
 * CompressionStream('deflate'); every piece it hands back becomes one IDAT chunk, which
 * PNG allows. No text chunks, no metadata: the file holds the picture and nothing else.
 */

type Bytes = Uint8Array<ArrayBuffer>

const SIGNATURE: Bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

let crcTable: Uint32Array | null = null

function table(): Uint32Array {
  if (crcTable) return crcTable
  crcTable = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    crcTable[n] = c >>> 0
  }
  return crcTable
}

/** CRC-32 (ISO 3309, as PNG uses it) of the bytes, continuing from `previous`. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const t = table()
  let c = ~previous >>> 0
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return ~c >>> 0
}

function chunk(type: string, data: Uint8Array): Bytes {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

function ihdr(width: number, height: number): Bytes {
  const data = new Uint8Array(13)
  const view = new DataView(data.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  data[8] = 8 // bits per channel
  data[9] = 6 // RGBA
  return data
}

/**
 * Writes an 8-bit RGBA PNG of `width` × `height` from bands of rows given top to bottom.
 * Each band is raw PNG scanlines: per row one filter byte (0, none) then width × 4 bytes
 * of straight (not premultiplied) RGBA, which is what getImageData returns.
 */
export class PngBandWriter {
  readonly stride: number
  private readonly parts: Bytes[]
  private readonly writer: WritableStreamDefaultWriter<BufferSource>
  private readonly drained: Promise<void>
  private rowsWritten = 0

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.stride = width * 4 + 1
    const parts: Bytes[] = [SIGNATURE, chunk('IHDR', ihdr(width, height))]
    this.parts = parts
    const stream = new CompressionStream('deflate')
    this.writer = stream.writable.getWriter()
    const reader = stream.readable.getReader()
    this.drained = (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        parts.push(chunk('IDAT', value))
      }
    })()
  }

  /** A zeroed buffer for `rows` scanlines (filter bytes already 0). */
  band(rows: number): Bytes {
    return new Uint8Array(rows * this.stride)
  }

  async write(band: Bytes): Promise<void> {
    if (band.length % this.stride !== 0) throw new Error(`a band must be whole scanlines of ${this.stride} bytes`)
    this.rowsWritten += band.length / this.stride
    if (this.rowsWritten > this.height) throw new Error('more rows than the picture has')
    await this.writer.ready
    await this.writer.write(band)
  }

  async finish(): Promise<Blob> {
    if (this.rowsWritten !== this.height) throw new Error(`wrote ${this.rowsWritten} rows of ${this.height}`)
    await this.writer.close()
    await this.drained
    this.parts.push(chunk('IEND', new Uint8Array(0)))
    return new Blob(this.parts, { type: 'image/png' })
  }
}
