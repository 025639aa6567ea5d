import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../../..')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|vue)$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

const imports = (file: string): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1])

describe('the layers', () => {
  it('keep electron/shared free of node, electron, the DOM and Vue', () => {
    for (const file of sources('electron/shared')) {
      for (const spec of imports(file)) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^(\.\/|valibot$)/)
      }
      const code = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
      expect(code, file).not.toMatch(/\b(window|document|process|require)\./)
    }
  })

  it('let only renderer/src/api.ts touch window.bridgeview', () => {
    const touching = sources('renderer/src').filter((f) => readFileSync(join(ROOT, f), 'utf8').includes('window.bridgeview'))
    expect(touching).toEqual(['renderer/src/api.ts'])
  })

  it('keep the renderer away from electron and node modules', () => {
    for (const file of sources('renderer/src')) {
      for (const spec of imports(file)) expect(spec, `${file} imports ${spec}`).not.toMatch(/^(electron|node:|dockerode|fs|path|child_process)/)
    }
  })

  it('give the preload nothing but electron and the shared contract', () => {
    for (const spec of imports('electron/preload/index.ts')) expect(spec).toMatch(/^(electron$|\.\.\/shared\/)/)
  })
})
