/**
 * Text metrics shared by the layout (which sizes boxes and truncates labels) and the
 * markup (which draws them), so both agree without measuring anything in a DOM.
 *
 * Widths are estimates for DejaVu Sans / DejaVu Sans Mono (the default fonts of the
 * exporter on Linux); other sans-serif fonts are no wider on average, so labels fit.
 */

export type LineRole = 'title' | 'text' | 'muted' | 'mono' | 'port' | 'warn'

export interface LineStyle {
  size: number
  /** Vertical advance of one line. */
  height: number
  weight: 400 | 700
  mono: boolean
  /** Average advance of one character, used to truncate labels to a box. */
  charWidth: number
}

export const FONT_SANS = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif"
export const FONT_MONO = "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace"

export const LINE_STYLES: Record<LineRole, LineStyle> = {
  title: { size: 13, height: 17, weight: 700, mono: false, charWidth: 8.9 },
  text: { size: 12, height: 15, weight: 400, mono: false, charWidth: 7.4 },
  muted: { size: 11, height: 14, weight: 400, mono: false, charWidth: 6.8 },
  mono: { size: 11, height: 14, weight: 400, mono: true, charWidth: 6.63 },
  port: { size: 11, height: 14, weight: 400, mono: true, charWidth: 6.63 },
  warn: { size: 11, height: 14, weight: 400, mono: false, charWidth: 6.8 },
}

/** Inner padding of a labelled box. */
export const BOX_PAD_X = 9
export const BOX_PAD_Y = 7

export interface LabelLine {
  text: string
  role: LineRole
}

/** Height of a box holding these lines (padding included). */
export function boxHeightFor(roles: readonly LineRole[]): number {
  let h = BOX_PAD_Y * 2
  for (const role of roles) h += LINE_STYLES[role].height
  return h
}

/** Estimated rendered width of a text in a role. */
export function textWidth(text: string, role: LineRole): number {
  return text.length * LINE_STYLES[role].charWidth
}

/** Cuts a text with an ellipsis so it fits `width` pixels in the given role. */
export function fitText(text: string, role: LineRole, width: number): string {
  const max = Math.max(1, Math.floor(width / LINE_STYLES[role].charWidth))
  if (text.length <= max) return text
  return text.slice(0, Math.max(0, max - 1)) + '…'
}

/** A line already truncated to fit a box of `boxWidth`. */
export function line(text: string, role: LineRole, boxWidth: number): LabelLine {
  return { text: fitText(text, role, boxWidth - BOX_PAD_X * 2), role }
}
