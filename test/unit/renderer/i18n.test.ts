import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parse as parseSfc } from '@vue/compiler-sfc'
import { NodeTypes, type RootNode, type TemplateChildNode } from '@vue/compiler-core'
import { describe, expect, it } from 'vitest'
import { COLUMN_GROUPS, COLUMN_KEYS, KINDS } from '../../../renderer/src/components/interface-rows'
import { CONCEPT_KEYS, CONCEPTS, EXPLANATIONS } from '../../../renderer/src/explain'
import { createAppI18n, LOCALES, messages } from '../../../renderer/src/i18n'

const RENDERER = resolve(__dirname, '../../../renderer/src')

/** Every leaf of a message tree as a dotted path. */
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  if (typeof tree === 'string') {
    out.set(prefix, tree)
  } else if (Array.isArray(tree)) {
    tree.forEach((item, i) => leaves(item, `${prefix}[${i}]`).forEach((v, k) => out.set(k, v)))
  } else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) leaves(value, prefix ? `${prefix}.${key}` : key).forEach((v, k) => out.set(k, v))
  }
  return out
}

/** Differences between two key sets, both ways, as readable lines. */
function keyDifferences(a: Map<string, string>, b: Map<string, string>, aName: string, bName: string): string[] {
  const lines: string[] = []
  for (const k of a.keys()) if (!b.has(k)) lines.push(`${k} is in ${aName} but not in ${bName}`)
  for (const k of b.keys()) if (!a.has(k)) lines.push(`${k} is in ${bName} but not in ${aName}`)
  return lines
}

/**
 * Strings that are the same in every language: names, units, protocol words. A Korean
 * message equal to its English one must be one of these, or it was not translated.
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['Bridgeview', 'Docker {version} · API {api}', 'Docker Desktop', 'Podman', '—', 'MTU', 'IPv4', 'IPv6', 'MAC', 'ID', 'veth', 'txqueuelen', 'host', 'none'])

describe('the English and Korean messages', () => {
  const en = leaves(messages.en)
  const ko = leaves(messages.ko)

  it('have exactly the same keys', () => {
    expect(keyDifferences(leaves({ a: { b: 'x', c: 'y' } }), leaves({ a: { b: 'x' }, d: 'z' }), 'one', 'other')).toEqual([
      'a.c is in one but not in other',
      'd is in other but not in one',
    ])
    expect(keyDifferences(en, ko, 'en', 'ko')).toEqual([])
  })

  it('have exactly the same explanations, paragraph for paragraph', () => {
    expect(keyDifferences(leaves(EXPLANATIONS.en), leaves(EXPLANATIONS.ko), 'explain en', 'explain ko')).toEqual([])
    for (const key of CONCEPT_KEYS) {
      expect(EXPLANATIONS.en[key].body.length, key).toBeGreaterThan(0)
      expect(EXPLANATIONS.ko[key].body.length, key).toBe(EXPLANATIONS.en[key].body.length)
    }
  })

  it('are translated: a Korean message equal to the English one is a name or a unit', () => {
    const untranslated = [...ko].filter(([k, v]) => en.get(k) === v && !SAME_IN_EVERY_LANGUAGE.has(v)).map(([k, v]) => `${k}: ${v}`)
    expect(untranslated).toEqual([])
    const explainEn = leaves(EXPLANATIONS.en)
    const explainKo = [...leaves(EXPLANATIONS.ko)].filter(([k, v]) => explainEn.get(k) === v).map(([k]) => k)
    expect(explainKo).toEqual([])
  })

  it('are written in Hangul where they are Korean', () => {
    const hangul = /[\u3131-\uD79D]/
    const withoutHangul = [...ko].filter(([, v]) => /[A-Za-z]{3,}/.test(v) && !hangul.test(v) && !SAME_IN_EVERY_LANGUAGE.has(v)).map(([k, v]) => `${k}: ${v}`)
    expect(withoutHangul).toEqual([])
  })

  it('all compile and render in both languages (vue-i18n treats @, | and braces as syntax)', () => {
    for (const locale of LOCALES) {
      const i18n = createAppI18n(locale)
      for (const key of leaves(messages[locale]).keys()) {
        const text = i18n.global.t(key, { n: 2, name: 'x', query: 'q', title: 't', command: 'c', version: '1', api: '1', peak: '0 B/s', note: '', message: 'm', driver: 'default', owner: 'o', theme: 'Light' }, 2)
        expect(typeof text, `${locale}:${key}`).toBe('string')
        expect(text.length, `${locale}:${key}`).toBeGreaterThan(0)
        expect(text, `${locale}:${key}`).not.toBe(key)
      }
    }
  })

  it('have a message for every key the views build from data', () => {
    const required = [
      ...COLUMN_KEYS.map((k) => `interfaces.columns.${k}`),
      ...KINDS.map((k) => `interfaces.kinds.${k}`),
      ...Object.keys(COLUMN_GROUPS).map((g) => `interfaces.groups.${g}`),
      ...['host', 'helper-container', 'unavailable'].map((s) => `interfaces.source.${s}`),
      ...['bridge', 'user', 'host', 'none', 'container'].map((m) => `containers.modes.${m}`),
      ...['ENGINE_UNREACHABLE', 'PERMISSION_DENIED', 'TIMEOUT', 'other'].flatMap((c) => [`errors.${c}.title`, `errors.${c}.next`]),
      ...['native-linux', 'docker-desktop', 'podman', 'remote', 'unknown'].map((k) => `engine.kind.${k}`),
      ...['diagram', 'interfaces', 'networks', 'containers', 'settings'].map((p) => `nav.${p}`),
    ]
    expect(required.filter((k) => !en.has(k))).toEqual([])
  })
})

describe('the explanations', () => {
  it('relate only to concepts that exist, and each offers a command to try', () => {
    for (const key of CONCEPT_KEYS) {
      expect(CONCEPTS[key].commands.length, key).toBeGreaterThan(0)
      for (const r of CONCEPTS[key].related) expect(CONCEPT_KEYS, `${key} -> ${r}`).toContain(r)
      expect(CONCEPTS[key].related, key).not.toContain(key)
    }
  })
})

// ---- visible strings in templates ----

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return vueFiles(path)
    return entry.name.endsWith('.vue') ? [path] : []
  })
}

/** Attributes a person sees or hears: a static value here must come from the messages instead. */
const VISIBLE_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'alt', 'label'])

/**
 * Literal text allowed in templates: technical names that read the same in every
 * language. Text without letters (punctuation, digits, ×, ▲) is always allowed.
 */
const ALLOWED_LITERALS = new Set(['lo', 'eth0', 'docker0', 'br-xxxx', 'veth', 'ifconfig', 'ip', 'docker'])

interface Violation {
  line: number
  text: string
  where: string
}

const hasLetters = (s: string): boolean => /\p{L}/u.test(s)
const allowed = (s: string): boolean => !hasLetters(s) || ALLOWED_LITERALS.has(s)

/** Literal, visible, untranslated strings in a template's AST. */
function untranslatedStrings(ast: RootNode): Violation[] {
  const found: Violation[] = []
  const walk = (nodes: TemplateChildNode[]): void => {
    for (const node of nodes) {
      if (node.type === NodeTypes.TEXT) {
        const text = node.content.trim()
        if (text && !allowed(text)) found.push({ line: node.loc.start.line, text, where: 'text' })
      } else if (node.type === NodeTypes.INTERPOLATION) {
        // `{{ 'Hello' }}` is literal text in disguise.
        const source = node.content.loc.source.trim()
        const literal = /^(['"`])(.*)\1$/s.exec(source)
        if (literal && !allowed(literal[2])) found.push({ line: node.loc.start.line, text: literal[2], where: 'interpolation' })
      } else if (node.type === NodeTypes.ELEMENT) {
        for (const prop of node.props) {
          if (prop.type === NodeTypes.ATTRIBUTE && VISIBLE_ATTRIBUTES.has(prop.name) && prop.value) {
            const value = prop.value.content.trim()
            if (value && !allowed(value)) found.push({ line: prop.loc.start.line, text: value, where: `${node.tag} ${prop.name}` })
          }
        }
        walk(node.children)
      } else if (node.type === NodeTypes.IF) {
        for (const branch of node.branches) walk(branch.children)
      } else if (node.type === NodeTypes.FOR) {
        walk(node.children)
      }
    }
  }
  walk(ast.children)
  return found
}

function scanSource(source: string, filename: string): Violation[] {
  const { descriptor, errors } = parseSfc(source, { filename })
  if (errors.length > 0) throw new Error(`${filename}: ${errors.map(String).join('; ')}`)
  return descriptor.template?.ast ? untranslatedStrings(descriptor.template.ast) : []
}

describe('the templates', () => {
  it('catch literal text, literal interpolations and literal visible attributes (the checker checks)', () => {
    const found = scanSource(
      `<template><div title="Close me"><p>Hello there</p><span>{{ 'Literal' }}</span><input placeholder="Search…" /><b>{{ t('ok') }}</b><i>—</i><button :aria-label="t('x')">×</button><code>docker0</code></div></template>`,
      'Sample.vue',
    )
    expect(found.map((v) => v.text)).toEqual(['Close me', 'Hello there', 'Literal', 'Search…'])
  })

  it('show no visible string that is not translated', () => {
    const violations = vueFiles(RENDERER).flatMap((file) =>
      scanSource(readFileSync(file, 'utf8'), file).map((v) => `${relative(RENDERER, file)}:${v.line} ${v.where}: ${JSON.stringify(v.text)}`),
    )
    expect(violations).toEqual([])
  })

  it('use only message keys that exist', () => {
    const en = leaves(messages.en)
    const used = new Set<string>()
    const files = [...vueFiles(RENDERER), ...['settings.ts', 'App.vue'].map((f) => join(RENDERER, f))]
    for (const file of files) {
      const source = readFileSync(file, 'utf8')
      for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1])
      for (const m of source.matchAll(/keypath="([a-zA-Z0-9_.-]+)"/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(50)
    // A plural message is one leaf; a key may also name a subtree only when a view picks a leaf from it.
    expect([...used].filter((k) => !en.has(k))).toEqual([])
  })
})
