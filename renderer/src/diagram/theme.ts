/**
 * Diagram colours. Every text colour keeps at least WCAG AA contrast (4.5:1) on the fill
 * it is drawn on, in both themes (checked in test/unit/diagram/markup.test.ts).
 */
import type { GroupKind, LinkKind, NodeKind } from './layout'
import type { LineRole } from './metrics'

export type DiagramTheme = 'light' | 'dark' | 'transparent'

export interface Swatch {
  fill: string
  stroke: string
}

export interface Palette {
  /** Null: no background rectangle (transparent export). */
  background: string | null
  /** Colour behind free-standing text (link labels, frame titles), for its halo. */
  halo: string
  ink: Record<LineRole, string>
  node: Record<NodeKind, Swatch>
  group: Record<GroupKind, Swatch & { label: string }>
  link: Record<LinkKind, string>
  highlight: string
  match: Swatch
}

const LIGHT: Palette = {
  background: '#ffffff',
  halo: '#ffffff',
  ink: {
    title: '#1f2328',
    text: '#1f2328',
    muted: '#545d68',
    mono: '#1f2328',
    port: '#7a4a00',
    warn: '#a0330b',
  },
  node: {
    outside: { fill: '#ddf4ff', stroke: '#0969da' },
    nic: { fill: '#dafbe1', stroke: '#1a7f37' },
    ports: { fill: '#fff8c5', stroke: '#9a6700' },
    bridge: { fill: '#f5eeff', stroke: '#8250df' },
    veth: { fill: '#fff1e5', stroke: '#bc4c00' },
    container: { fill: '#ffffff', stroke: '#3b6fb6' },
  },
  group: {
    host: { fill: '#f6f8fa', stroke: '#8c959f', label: '#1f2328' },
    'host-netns': { fill: '#eef4fb', stroke: '#9fb4d1', label: '#34527d' },
    'host-mode': { fill: '#f0faf2', stroke: '#1a7f37', label: '#1a6130' },
    netns: { fill: '#f3effc', stroke: '#8250df', label: '#5b3a9e' },
    isolated: { fill: '#f6f8fa', stroke: '#6e7781', label: '#454c54' },
    stopped: { fill: '#f6f8fa', stroke: '#6e7781', label: '#454c54' },
  },
  link: {
    uplink: '#0969da',
    nat: '#1a7f37',
    'bridge-veth': '#8250df',
    'veth-container': '#bc4c00',
    direct: '#8250df',
    publish: '#9a6700',
  },
  highlight: '#cf222e',
  match: { fill: '#fff8c5', stroke: '#bf8700' },
}

const DARK: Palette = {
  background: '#0d1117',
  halo: '#0d1117',
  ink: {
    title: '#f0f6fc',
    text: '#e6edf3',
    muted: '#b1bac4',
    mono: '#e6edf3',
    port: '#f2cc60',
    warn: '#ffa657',
  },
  node: {
    outside: { fill: '#0c2d6b', stroke: '#4493f8' },
    nic: { fill: '#0f2d19', stroke: '#3fb950' },
    ports: { fill: '#2b2111', stroke: '#d29922' },
    bridge: { fill: '#231a3a', stroke: '#a371f7' },
    veth: { fill: '#2f1d0e', stroke: '#f0883e' },
    container: { fill: '#161b22', stroke: '#4493f8' },
  },
  group: {
    host: { fill: '#11161d', stroke: '#4b535d', label: '#f0f6fc' },
    'host-netns': { fill: '#0f1a2a', stroke: '#2f4a74', label: '#9ecbff' },
    'host-mode': { fill: '#0d1f14', stroke: '#3fb950', label: '#7ee787' },
    netns: { fill: '#1b1530', stroke: '#a371f7', label: '#d2a8ff' },
    isolated: { fill: '#151b23', stroke: '#6e7681', label: '#c9d1d9' },
    stopped: { fill: '#151b23', stroke: '#6e7681', label: '#c9d1d9' },
  },
  link: {
    uplink: '#4493f8',
    nat: '#3fb950',
    'bridge-veth': '#a371f7',
    'veth-container': '#f0883e',
    direct: '#a371f7',
    publish: '#d29922',
  },
  highlight: '#ff7b72',
  match: { fill: '#3b2e00', stroke: '#e3b341' },
}

export function paletteFor(theme: DiagramTheme): Palette {
  if (theme === 'dark') return DARK
  if (theme === 'transparent') return { ...LIGHT, background: null }
  return LIGHT
}

/** WCAG relative-luminance contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    const [r, g, b2] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2
  }
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}
