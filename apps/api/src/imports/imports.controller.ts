// Booking imports over HTTP: a recorder sends a financial system's export and its mapping as
// multipart/form-data and gets the import's outcome with its reconciliation; anyone who reads the
// ledger asks for an import's reconciliation again, as JSON or as a CSV or XLSX file.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { Body, Controller, Get, HttpCode, Injectable, Param, Post, Query, Res, UploadedFiles, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { StorageEngine } from 'multer';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { HttpReply } from '../shared/http';
import { sendExport } from '../exports/send-export';
import { FilesUpload } from '../shared/upload.interceptor';
import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES, type ExportFormat } from '@geldstroom/projections';
import { Access } from '../access/access.decorators';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { AS_OF } from '../queries/query.dto';
import type { ImportAnswerAnswer } from '../openapi/answers';
import { ReadModels } from '../queries/read-models';
import { answerIntegrity } from '../queries/read-models-status';
import { IntegrityMonitor } from '../health/integrity-monitor';
import { CommandMeta, type HttpCommandMeta } from '../write/command-request';
import { ENCODINGS, MappingError, type Encoding } from './booking-mapping';
import { BookingImports, type ImportReport } from './booking-imports';
import { ImportStoppedError } from './booking-import';
import { FileRefusedError } from './booking-source';
import { IMPORT_ID_PATTERN, RUN_ID_PATTERN, type KeptImport } from './import-reports';
import { reconciliationTable } from './reconciliation';

/** An export of a year's bookings is tens of megabytes; this bounds what the server keeps on disk for one. */
export const IMPORT_FILE_BYTES_MAX = 512 * 1024 * 1024;
const MAPPING_BYTES_MAX = 1024 * 1024;

class ImportBookingsDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Read and map every line, write nothing, answer what would be written' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ENCODINGS, description: "The CSV's encoding, over the mapping's format.encoding" })
  @IsOptional()
  @IsIn(ENCODINGS)
  encoding?: Encoding;
}

class ImportQueryDto {
  @ApiPropertyOptional({ description: "The ledger's side as known at: a date, an ISO instant or a journal position", example: '2025-01-31' })
  @IsOptional()
  @Matches(AS_OF, { message: 'asOf must be a date YYYY-MM-DD, an ISO instant, or a journal position' })
  asOf?: string;

  @ApiPropertyOptional({ description: "One run of the import (its runId); absent: the latest. Every run's report is kept", example: 'run-0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b' })
  @IsOptional()
  @Matches(RUN_ID_PATTERN, { message: 'run must be a runId: run- and a UUIDv7' })
  run?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'For the file: csv (default) or xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

/** A part multer kept on disk. */
interface UploadedPart {
  readonly path: string;
  readonly originalname: string;
  readonly size: number;
}

interface UploadedParts {
  readonly file?: UploadedPart[];
  readonly mapping?: UploadedPart[];
}

/**
 * Where multer keeps the parts: files in the temporary folder readable by the server's user only
 * (an export is a year of bookings; multer's own disk storage makes them readable by anyone), under
 * a name no one can guess, opened only if no file has it. A part that cannot be written whole is
 * removed at once; multer removes those it kept when the upload fails later.
 */
const OWNER_ONLY_FILES: StorageEngine = {
  _handleFile(_request, file, callback) {
    const path = join(tmpdir(), `geldstroom-import-${randomBytes(16).toString('hex')}`);
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    pipeline(file.stream, out, (error) => (error ? void removeFile(path).then(() => callback(error)) : callback(null, { path, size: out.bytesWritten })));
  },
  _removeFile(_request, file, callback) {
    void removeFile(file.path).then(() => callback(null));
  },
};

/**
 * Removes the parts multer kept once the request is answered, on every path: also when the body's
 * fields fail validation, which happens after multer has written them and before the handler runs.
 */
@Injectable()
class RemovesUploads implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ files?: UploadedParts }>();
    return from(answeredThenRemoved(next, request));
  }
}

async function answeredThenRemoved(next: CallHandler, request: { files?: UploadedParts }): Promise<unknown> {
  try {
    return await lastValueFrom(next.handle());
  } finally {
    const parts = [...(request.files?.file ?? []), ...(request.files?.mapping ?? [])];
    await Promise.all(parts.map((part) => removeFile(part.path)));
  }
}

/** Removes a file that may be gone already: what is left of an upload is no reason to fail an answer. */
async function removeFile(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

const IMPORT_BODY = {
  type: 'object',
  required: ['file', 'mapping'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The export: CSV (";", decimal commas, UTF-8 or Windows-1252) or XLSX' },
    mapping: { type: 'string', format: 'binary', description: 'The mapping file (YAML): columns, budgets, creditors, line rules' },
    dryRun: { type: 'string', enum: ['true', 'false'] },
    encoding: { type: 'string', enum: [...ENCODINGS] },
  },
};

@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: BookingImports,
    private readonly readModels: ReadModels,
    private readonly integrity: IntegrityMonitor,
  ) {}

  @Post('bookings')
  @Access('record')
  @HttpCode(201)
  @UseInterceptors(
    FilesUpload([{ name: 'file', maxCount: 1 }, { name: 'mapping', maxCount: 1 }], {
      // On disk, not in memory: a year of bookings is read twice, streamed, and removed after.
      storage: OWNER_ONLY_FILES,
      limits: { fileSize: IMPORT_FILE_BYTES_MAX, files: 2, fields: 4, fieldSize: 64, parts: 6 },
      // File names in UTF-8, as browsers and curl send them: the name is kept, and read for a BSN.
      defParamCharset: 'utf8',
    }),
    RemovesUploads,
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: IMPORT_BODY })
  @ApiOperation({ summary: "Import a financial system's export of booking lines with its mapping; answers the outcome per line and the reconciliation" })
  async importBookings(@UploadedFiles() parts: UploadedParts, @Body() dto: ImportBookingsDto, @CommandMeta() meta: HttpCommandMeta): Promise<ImportAnswerAnswer> {
    // The parts are removed by RemovesUploads, whatever happens here.
    const file = parts?.file?.[0];
    const mapping = parts?.mapping?.[0];
    if (!file) throw new ProblemException('validation', 'send the export as a multipart/form-data part named "file"', { field: 'file' });
    if (!mapping) throw new ProblemException('validation', 'send the mapping (YAML) as a multipart/form-data part named "mapping"', { field: 'mapping' });
    if (mapping.size > MAPPING_BYTES_MAX) throw new ProblemException('payload-too-large', `a mapping is at most ${MAPPING_BYTES_MAX} bytes`);
    const report = await this.runImport(file, await readText(mapping.path), dto, meta);
    if (report.dryRun) meta.response.status(200);
    return this.imports.answer(report, {}, 'until-held');
  }

  @Get(':importId')
  @ApiOperation({ summary: "An import's outcome (its latest run, or the run asked for), its runs, and its reconciliation against the ledger as it is now (or asOf)" })
  async report(@Param('importId') importId: string, @Query() query: ImportQueryDto): Promise<ImportAnswerAnswer> {
    return this.imports.answer(await this.load(importId, query.run), query.asOf ? { asOf: query.asOf } : {});
  }

  @Get(':importId/reconciliation')
  @ApiProduces(EXPORT_MEDIA_TYPES.csv, EXPORT_MEDIA_TYPES.xlsx)
  @ApiOperation({ summary: "An import's reconciliation as a file, CSV or XLSX, stamped like every export" })
  async reconciliationFile(@Param('importId') importId: string, @Query() query: ImportQueryDto, @Res() reply: HttpReply): Promise<void> {
    const report = await this.load(importId, query.run);
    const reader = await this.readModels.current();
    const cut = reader.resolveCut(query.asOf ? { asOf: query.asOf } : {});
    const answer = await this.imports.answer(report, query.asOf ? { asOf: query.asOf } : {});
    const table = reconciliationTable(importId, answer.reconciliation, cut);
    const format = query.format ?? 'csv';
    await sendExport(reply, table, format, answerIntegrity(this.readModels, this.integrity.lastOwnReport));
  }

  private async runImport(file: UploadedPart, mappingText: string, dto: ImportBookingsDto, meta: HttpCommandMeta): Promise<ImportReport> {
    const { principal } = meta;
    try {
      return await this.imports.importFile({
        path: file.path,
        fileName: file.originalname,
        mappingText,
        dryRun: dto.dryRun === 'true',
        ...(dto.encoding ? { encoding: dto.encoding } : {}),
        context: { actor: principal.principalId, scope: principal.scope, role: principal.role, correlationId: meta.correlationId },
      });
    } catch (error) {
      if (error instanceof MappingError) throw new ProblemException('invalid-value', `mapping: ${error.problems.join('; ')}`, { field: 'mapping', problems: error.problems });
      if (error instanceof FileRefusedError) throw new ProblemException('invalid-value', `file: ${error.message}`, { field: 'file' });
      if (error instanceof ImportStoppedError) throw stoppedProblem(error);
      throw error;
    }
  }

  private async load(importId: string, runId?: string): Promise<KeptImport> {
    const kept = IMPORT_ID_PATTERN.test(importId) ? await this.imports.reports.load(importId, runId) : undefined;
    if (!kept) throw new ProblemException('not-found', `the ledger has no import ${importId.slice(0, 64)}${runId ? ` with a run ${runId}` : ''}`);
    return kept;
  }
}

/** A 500 that says what was written: the filter logs its stack, which carries the cause's. */
function stoppedProblem(error: ImportStoppedError): ProblemException {
  const problem = new ProblemException('internal', `${error.message}.`, { counts: error.counts });
  const cause = error.reason instanceof Error ? error.reason.stack : String(error.reason);
  problem.stack = `${problem.stack}\nCaused by: ${cause}`;
  return problem;
}

async function readText(path: string): Promise<string> {
  const bytes = await readFile(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemException('invalid-value', 'mapping: the mapping file is not UTF-8 text', { field: 'mapping' });
  }
}
