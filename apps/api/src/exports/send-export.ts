// An export as the answer to a request: the file's type and name, the read models' status, never
// cached, and the bytes streamed as they are written. The reports' export and an import's
// reconciliation are sent the same way.
import { EXPORT_MEDIA_TYPES, exportFileName, writeExport, type ExportFormat, type ExportTable } from '@geldstroom/projections';
import { READ_MODELS_HEADER, type ReadModelsStatus } from '../queries/read-models-status';
import { streamed, type HttpReply } from '../shared/http';

export async function sendExport(reply: HttpReply, table: ExportTable, format: ExportFormat, status: ReadModelsStatus): Promise<void> {
  await reply
    .headers({
      'Content-Type': EXPORT_MEDIA_TYPES[format],
      'Content-Disposition': `attachment; filename="${exportFileName(table, format)}"`,
      [READ_MODELS_HEADER]: status,
      'Cache-Control': 'no-store',
    })
    .send(streamed((out) => writeExport({ ...table, readModels: status }, format, out)));
}
