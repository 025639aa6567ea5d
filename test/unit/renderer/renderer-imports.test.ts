import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const RENDERER = join(ROOT, 'renderer/src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    return e.isDirectory() ? sources(path) : /\.(ts|vue)$/.test(e.name) ? [path] : []
  })
}

const specifiers = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1])

function resolveTs(from: string, spec: string): string {
  const base = resolve(dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate
  throw new Error(`cannot resolve ${spec} from ${from}`)
}

describe('what the renderer borrows from the services', () => {
  it('is plain TypeScript: no node:, electron or package imports anywhere in its import graph', () => {
    const seen = new Set<string>()
    const offending: string[] = []
    const visit = (file: string): void => {
      if (seen.has(file)) return
      seen.add(file)
      for (const spec of specifiers(file)) {
        if (!spec.startsWith('.')) {
          offending.push(`${relative(ROOT, file)} imports ${spec}`)
          continue
        }
        visit(resolveTs(file, spec))
      }
    }
    for (const file of sources(RENDERER)) {
      for (const spec of specifiers(file)) if (spec.includes('electron/services/')) visit(resolveTs(file, spec))
    }
    // The ifconfig formatter at least: the ifconfig view must print what the CLI prints.
    expect([...seen].map((f) => relative(ROOT, f))).toContain('electron/services/host/ifconfig.ts')
    expect(offending).toEqual([])
  })
})
