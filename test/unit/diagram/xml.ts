/**
 * A strict well-formedness check for the SVG we emit (no DTD, no CDATA, no comments):
 * balanced tags, quoted unique attributes, only the five predefined entities or numeric
 * references, no stray "<" or "&". Returns the list of problems (empty when well formed).
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = []
  const stack: string[] = []
  const NAME = /^[A-Za-z_][\w.:-]*$/
  const textOk = (text: string, where: string): void => {
    if (text.includes('<')) problems.push(`raw "<" in ${where}`)
    for (const m of text.matchAll(/&([^;\s]*);?/g)) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(m[0])) problems.push(`bad entity ${m[0]} in ${where}`)
    }
  }
  let i = 0
  let roots = 0
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const text = xml.slice(i, lt < 0 ? xml.length : lt)
    if (text.trim() !== '') {
      if (stack.length === 0) problems.push('text outside the root element')
      textOk(text, 'text')
    }
    if (lt < 0) break
    const gt = xml.indexOf('>', lt)
    if (gt < 0) {
      problems.push('unterminated tag')
      break
    }
    const tag = xml.slice(lt + 1, gt)
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim()
      const open = stack.pop()
      if (open !== name) problems.push(`</${name}> closes <${open}>`)
    } else {
      const selfClosing = tag.endsWith('/')
      const body = selfClosing ? tag.slice(0, -1) : tag
      const nameMatch = /^([^\s]+)/.exec(body)
      const name = nameMatch?.[1] ?? ''
      if (!NAME.test(name)) problems.push(`bad element name "${name}"`)
      const rest = body.slice(name.length)
      const seen = new Set<string>()
      const attrRe = /\s+([^\s=]+)="([^"]*)"/y
      let pos = 0
      while (pos < rest.length) {
        if (/^\s*$/.test(rest.slice(pos))) break
        attrRe.lastIndex = pos
        const m = attrRe.exec(rest)
        if (!m) {
          problems.push(`malformed attributes in <${name}>: ${rest.slice(pos, pos + 40)}`)
          break
        }
        if (!NAME.test(m[1])) problems.push(`bad attribute name "${m[1]}"`)
        if (seen.has(m[1])) problems.push(`duplicate attribute ${m[1]} in <${name}>`)
        seen.add(m[1])
        textOk(m[2], `attribute ${m[1]}`)
        pos = attrRe.lastIndex
      }
      if (stack.length === 0) roots++
      if (!selfClosing) stack.push(name)
    }
    i = gt + 1
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`)
  if (roots !== 1) problems.push(`${roots} root elements`)
  return problems
}
