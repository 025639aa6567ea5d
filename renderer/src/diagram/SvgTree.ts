/**
 * Renders markup trees (see markup.ts) with Vue. A separate component so a layer only
 * re-renders when its own tree changes: zooming, panning and hovering leave the big base
 * layer untouched.
 */
import { defineComponent, h, type PropType, type VNode } from 'vue'
import type { SvgNode } from './markup'

const TRANSLATE = /^translate\(([-\d.]+) ([-\d.]+)\)$/

/** What a screen reader says for a box: its lines of text, uncut when the box has a <title>. */
function spokenLabel(node: SvgNode): string {
  const title = node.children.find((child) => child.tag === 'title')
  if (title?.text) return title.text.replaceAll('\n', ', ')
  const parts: string[] = []
  for (const child of node.children) if (child.tag === 'text' && child.text) parts.push(child.text)
  return parts.join(', ')
}

function toVNode(node: SvgNode, cssTransforms: boolean, focusable: boolean): VNode {
  let attrs: Record<string, unknown> = node.attrs
  const isBox = 'data-node-id' in node.attrs
  // Node positions become a CSS transform so a moved node glides (CSS transitions do not animate attributes).
  if (cssTransforms && isBox && typeof node.attrs.transform === 'string') {
    const match = TRANSLATE.exec(node.attrs.transform)
    if (match) {
      const { transform: _transform, ...rest } = node.attrs
      attrs = { ...rest, style: `transform:translate(${match[1]}px,${match[2]}px)` }
    }
  }
  // Boxes take keyboard focus (Tab, then Enter to select), and say what they show.
  if (focusable && isBox) attrs = { ...attrs, tabindex: 0, role: 'button', 'aria-label': spokenLabel(node) }
  const props = node.key === undefined ? attrs : { ...attrs, key: node.key }
  if (node.text !== undefined) return h(node.tag, props, node.text)
  return h(
    node.tag,
    props,
    node.children.map((child) => toVNode(child, cssTransforms, focusable)),
  )
}

export const SvgTree = defineComponent({
  name: 'SvgTree',
  props: {
    nodes: { type: Array as PropType<SvgNode[]>, required: true },
    /** Position nodes with CSS transforms, so the stylesheet can animate their moves. */
    cssTransforms: { type: Boolean, default: false },
    /** Make the boxes focusable buttons for keyboard and screen-reader users. */
    focusable: { type: Boolean, default: false },
  },
  setup(props) {
    return () => props.nodes.map((node) => toVNode(node, props.cssTransforms, props.focusable))
  },
})
