// Work that reads everything (a verify of the journal, of the read models, of the documents' files)
// done once for many callers. At most one run at a time; who asks while one runs shares the next
// one, which starts when it ends. Never the running one: it may have begun before the caller's own
// writes, and would answer for a ledger the caller has already changed.
export class SharedRun<T> {
  private running: Promise<T> | undefined;
  private queued: Promise<T> | undefined;

  constructor(private readonly run: () => Promise<T>) {}

  /** A run that starts no earlier than now. */
  fromNow(): Promise<T> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(settled, settled).then(() => {
      this.queued = undefined;
      return this.start();
    });
    return this.queued;
  }

  /** Settles when the runs asked for so far have ended, however they ended. */
  async idle(): Promise<void> {
    while (this.queued ?? this.running) await (this.queued ?? this.running)!.then(settled, settled);
  }

  private start(): Promise<T> {
    const run = Promise.resolve().then(() => this.run());
    // Handled here as well as by the caller: a run cut short (the store closing at shutdown) must
    // not become an unhandled rejection that kills the process.
    const clear = (): void => {
      if (this.running === run) this.running = undefined;
    };
    run.then(clear, clear);
    return (this.running = run);
  }
}

function settled(): void {}
