/**
 * Text metrics shared by the layout (which sizes boxes and truncates labels) and the
 * markup (which draws them), so both agree without measuring anything in a DOM.
 *
 * Widths are estimates for Liberation Sans / Liberation Mono (metric twins of Arial and
 * Courier New, so on macOS and Windows the same widths hold); DejaVu, the fallback, is
 * wider but still within the estimates, which err wide. Liberation comes first for speed
 * as well: resvg lays out its text about twice as fast as DejaVu's.
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

export const FONT_SANS = "'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif"
export const FONT_MONO = "'Liberation Mono', 'Courier New', Menlo, Consolas, 'DejaVu Sans Mono', monospace"

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
  /** The whole text, when `text` had to be cut short to fit its box. */
  full?: string
}

/** Height of a box holding these lines (padding included). */
export function boxHeightFor(roles: readonly LineRole[]): number {
  let h = BOX_PAD_Y * 2
  for (const role of roles) h += LINE_STYLES[role].height
  return h
}

/** Height of a box holding these label lines (padding included). */
export function boxHeightForLines(lines: readonly LabelLine[]): number {
  let h = BOX_PAD_Y * 2
  for (const l of lines) h += LINE_STYLES[l.role].height
  return h
}

// Hangul, CJK and full-width forms take about 1em, not the ~0.6em of Latin text.
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/

function isWide(code: number): boolean {
  return code >= 0x1100 && WIDE.test(String.fromCharCode(code))
}

/** Estimated rendered width of a text in a role. */
export function textWidth(text: string, role: LineRole): number {
  const style = LINE_STYLES[role]
  let width = 0
  for (let i = 0; i < text.length; i++) width += isWide(text.charCodeAt(i)) ? style.size : style.charWidth
  return width
}

/** Cuts a text with an ellipsis so it fits `width` pixels in the given role. */
export function fitText(text: string, role: LineRole, width: number): string {
  const style = LINE_STYLES[role]
  // Most labels are short: no character is wider than 1em, so these fit without measuring.
  if (text.length * style.size <= width) return text
  if (textWidth(text, role) <= width) return text
  const room = width - style.charWidth
  let used = 0
  let end = 0
  while (end < text.length) {
    const w = isWide(text.charCodeAt(end)) ? style.size : style.charWidth
    if (used + w > room) break
    used += w
    end++
  }
  return text.slice(0, end) + '…'
}

/** A line already truncated to fit a box of `boxWidth`, keeping the whole text when it was cut. */
export function line(text: string, role: LineRole, boxWidth: number): LabelLine {
  const fitted = fitText(text, role, boxWidth - BOX_PAD_X * 2)
  return fitted === text ? { text, role } : { text: fitted, role, full: text }
}
