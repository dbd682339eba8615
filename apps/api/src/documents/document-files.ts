// The files behind the documents: kept content-addressed in `<data dir>/documents`, beside the
// store, and checked against the hashes the journal recorded for them.
import { join } from 'node:path';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ContentStore, verifyContent, type ContentStore as Store } from '@geldstroom/event-store';
import { attachedDocuments, type LedgerReader } from '@geldstroom/projections';
import type { Configuration } from '../config/configuration';
import { ReadModels } from '../queries/projections.module';
import { SharedRun } from '../shared/shared-run';

export interface DocumentFailure {
  readonly documentId: string;
  readonly contentHash: string;
  /** Missing: no file under the hash; altered: the file's bytes hash to `actualHash`. */
  readonly problem: 'missing' | 'altered';
  readonly actualHash?: string;
}

export interface DocumentsReport {
  readonly ok: boolean;
  readonly verifiedAt: string;
  /** Files of documents attached and not reversed, each checked once. */
  readonly filesChecked: number;
  readonly failures: readonly DocumentFailure[];
}

/** Every document the read models hold, checked against the files: each missing or altered one named. */
export async function verifyDocumentFiles(store: Store, reader: LedgerReader): Promise<DocumentsReport> {
  const references = attachedDocuments(reader).map((d) => ({ id: d.documentId, contentHash: d.contentHash }));
  const report = await verifyContent(store, references);
  return {
    ok: report.ok,
    verifiedAt: new Date().toISOString(),
    filesChecked: report.checked,
    failures: report.failures.map(({ id, ...failure }) => ({ documentId: id, ...failure })),
  };
}

@Injectable()
export class DocumentFiles implements OnModuleInit {
  private readonly logger = new Logger('DocumentFiles');
  private opened: Store | undefined;
  private last: DocumentsReport | undefined;
  private readonly checks = new SharedRun(() => this.checkOnce());

  constructor(
    private readonly config: ConfigService<Configuration, true>,
    private readonly readModels: ReadModels,
  ) {}

  async onModuleInit(): Promise<void> {
    this.opened = await ContentStore.open(join(this.config.get('GELDSTROOM_DATA_DIR', { infer: true }), 'documents'));
  }

  get store(): Store {
    if (!this.opened) throw new Error('the document store is not open yet');
    return this.opened;
  }

  get limitBytes(): number {
    return this.config.get('GELDSTROOM_DOCUMENT_LIMIT_BYTES', { infer: true });
  }

  /** Checks every document's file: one check at a time, and who asks while one runs shares the next. */
  verify(): Promise<DocumentsReport> {
    return this.checks.fromNow();
  }

  private async checkOnce(): Promise<DocumentsReport> {
    const report = await verifyDocumentFiles(this.store, await this.readModels.current('until-held'));
    this.last = report;
    if (!report.ok) this.logger.error({ failures: report.failures }, 'document files do not match the hashes the journal recorded');
    return report;
  }

  /** The last check since start, for /health. */
  get lastReport(): DocumentsReport | undefined {
    return this.last;
  }
}
