import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const CSS = readFileSync(resolve(__dirname, '../../../renderer/src/styles.css'), 'utf8')

/** The custom properties declared in the first rule whose selector is exactly `selector`. */
function themeVariables(selector: string): Record<string, string> {
  const at = CSS.indexOf(`${selector} {`)
  if (at < 0) throw new Error(`no rule for ${selector}`)
  const body = CSS.slice(at, CSS.indexOf('}', at))
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]))
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`)
  return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16)) as [number, number, number]
}

/** WCAG 2.x relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const THEMES = {
  light: themeVariables(':root'),
  // The dark theme overrides the light one; what it does not set, it inherits.
  dark: { ...themeVariables(':root'), ...themeVariables(":root[data-theme='dark']") },
}

/** Text colours, and every surface text is drawn on (page, panels, hovered or selected rows, code). */
const FOREGROUNDS = ['text', 'muted', 'accent', 'ok', 'bad']
const BACKGROUNDS = ['bg', 'panel', 'row-hover', 'code-bg']

describe('colour contrast (WCAG AA, 4.5:1 for normal text)', () => {
  it('computes ratios the way WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })

  for (const [name, vars] of Object.entries(THEMES)) {
    it(`passes for every text colour on every surface in the ${name} theme`, () => {
      const failures: string[] = []
      for (const fg of FOREGROUNDS) {
        for (const bg of BACKGROUNDS) {
          const ratio = contrast(vars[fg], vars[bg])
          if (ratio < 4.5) failures.push(`--${fg} ${vars[fg]} on --${bg} ${vars[bg]}: ${ratio.toFixed(2)}`)
        }
      }
      const onAccent = contrast(vars['accent-text'], vars.accent)
      if (onAccent < 4.5) failures.push(`--accent-text on --accent: ${onAccent.toFixed(2)}`)
      expect(failures).toEqual([])
    })
  }
})
