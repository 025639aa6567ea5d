/**
 * `bridgeview export`: the diagram drawn by the same layout and markup code as the app,
 * written by the same saver as the app's export.
 */
import { stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { BridgeviewError } from '../shared/errors'
import type { SavedFile, Topology } from '../shared/types'
import { layoutTopology } from '../../renderer/src/diagram/layout'
import { diagramTree, toSvgString } from '../../renderer/src/diagram/markup'
import { saveExport } from '../services/export/raster'
import type { ExportOptions } from './main'

export async function exportDiagram(topology: Topology, options: ExportOptions): Promise<SavedFile> {
  let filterNetwork: string | undefined
  if (options.network) {
    const network = topology.networks.find((n) => n.name === options.network || n.id === options.network || n.id.startsWith(options.network as string))
    if (!network) {
      throw new BridgeviewError('NOT_FOUND', `No network "${options.network}". Networks: ${topology.networks.map((n) => n.name).join(', ')}`)
    }
    filterNetwork = network.id
  }
  const out = resolve(options.out)
  const folder = await stat(dirname(out)).catch(() => null)
  if (!folder?.isDirectory()) throw new BridgeviewError('INVALID_ARGUMENT', `--out: the folder ${dirname(out)} does not exist`)
  const layout = layoutTopology(topology, { filterNetwork })
  const svg = toSvgString(diagramTree(layout, { theme: options.theme, detail: 'full' }))
  return saveExport({ format: options.format, svg, scale: options.scale, suggestedName: `bridgeview-diagram.${options.format}` }, out)
}
