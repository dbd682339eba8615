// An export as the answer to a request: the file's type and name, what the answers say of the
// journal and the read models (in headers, and in the file's stamp, since a saved file keeps no
// header), never cached, and the bytes streamed as they are written. The reports' export and an
// import's reconciliation are sent the same way.
import { EXPORT_MEDIA_TYPES, exportFileName, writeExport, type ExportFormat, type ExportTable } from '@geldstroom/projections';
import { JOURNAL_HEADER, READ_MODELS_HEADER, type AnswerIntegrity } from '../queries/read-models-status';
import { streamed, type HttpReply } from '../shared/http';

export async function sendExport(reply: HttpReply, table: ExportTable, format: ExportFormat, integrity: AnswerIntegrity): Promise<void> {
  await reply
    .headers({
      'Content-Type': EXPORT_MEDIA_TYPES[format],
      'Content-Disposition': `attachment; filename="${exportFileName(table, format)}"`,
      [READ_MODELS_HEADER]: integrity.readModels,
      ...(integrity.journalFailure ? { [JOURNAL_HEADER]: 'does-not-verify' } : {}),
      'Cache-Control': 'no-store',
    })
    .send(streamed((out) => writeExport({ ...table, ...integrity }, format, out)));
}
