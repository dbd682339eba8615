// What went past a budget's amount or a contract's ceiling, kept up to date event by event. While
// events come in business order onto an unchanged limit, each one only adds to the running total;
// one that comes earlier than the last, a change to an earlier event, a decrease (taken off what
// its entity committed before: walkBeyond), or a new limit makes the subject walk its steps again. Only subjects past their limit keep a tracker. A tracker is read
// once per batch and written at its end (flush): the budget an import charges every line to moves
// its tracker at every line.
import { OFFENDING_NAMED_MAX, within, type Beyond, type Step, type Subject, type Walked, type Window } from '../findings/derive';
import { compareBusiness } from '../model/ledger-fact';
import type { Movement } from '../model/movement';
import type { Row, TrackedTables } from './tracked';

const TRACKER_COLUMNS = ['subject', 'state'];

interface TrackerState extends Walked {
  readonly limitCents: number;
  /** The window walked (a contract's term as `from..to`), absent when none. */
  readonly window?: string;
}

export class BeyondTrackers {
  /** This position's committed steps, per subject, event and entity. */
  private readonly steps = new Map<Subject, Map<string, Step>>();
  private readonly walkAgain = new Set<Subject>();
  /** The trackers read in this batch: as the file holds them, and as now known (undefined: none). */
  private readonly pending = new Map<Subject, { readonly stored: Row | undefined; state: TrackerState | undefined }>();

  constructor(private readonly tables: TrackedTables) {}

  step(subject: Subject, movement: Movement): void {
    let steps = this.steps.get(subject);
    if (!steps) {
      steps = new Map();
      this.steps.set(subject, steps);
    }
    const key = `${movement.eventPosition}\u0000${movement.unitId}`;
    const old = steps.get(key);
    steps.set(key, { position: movement.eventPosition, date: movement.date, unitId: movement.unitId, deltaCents: (old?.deltaCents ?? 0) + (movement.measures.committedCents ?? 0) });
  }

  limitChanged(subject: Subject): void {
    this.walkAgain.add(subject);
  }

  /**
   * What went past the limit, as the subject now stands; `walk` walks all its steps. With a window
   * only steps dated within it count; any decrease, within or not, walks again (it may net against
   * an increase within).
   */
  beyond(subject: Subject, limitCents: number, walk: () => Walked, window?: Window): Beyond {
    const tracker = this.tracker(subject);
    const kept = tracker.state;
    const windowKey = window ? `${window.from}..${window.to}` : undefined;
    const steps = [...(this.steps.get(subject)?.values() ?? [])]
      .filter((s) => s.deltaCents !== 0)
      .sort((a, b) => compareBusiness({ date: a.date, position: a.position }, { date: b.date, position: b.position }) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
    const counted = window ? steps.filter((s) => within(s, window)) : steps;
    const onward =
      kept &&
      kept.limitCents === limitCents &&
      kept.window === windowKey &&
      !this.walkAgain.has(subject) &&
      steps.every((s) => s.deltaCents > 0) &&
      counted.every((s) => kept.lastKey === null || compareBusiness({ date: s.date, position: s.position }, kept.lastKey) > 0);
    const state = onward ? advance(kept, counted) : fromWalk(walk(), limitCents, windowKey);
    tracker.state = state;
    return state;
  }

  /** A subject no longer past its limit keeps no tracker. */
  drop(subject: Subject): void {
    this.tracker(subject).state = undefined;
  }

  /** At the end of a batch: the trackers as now known. */
  flush(): void {
    for (const [subject, { stored, state }] of this.pending) {
      if (state) this.tables.replace('finding_trackers', TRACKER_COLUMNS, [subject, JSON.stringify(state)], stored);
      else if (stored) this.tables.deleteWhere('finding_trackers', 'subject = ?', [subject]);
    }
    this.pending.clear();
  }

  private tracker(subject: Subject): { readonly stored: Row | undefined; state: TrackerState | undefined } {
    let tracker = this.pending.get(subject);
    if (!tracker) {
      const stored = this.tables.rowWhere('finding_trackers', 'subject = ?', [subject]);
      tracker = { stored, state: stored ? (JSON.parse(stored[1] as string) as TrackerState) : undefined };
      this.pending.set(subject, tracker);
    }
    return tracker;
  }

  endOfPosition(): void {
    this.steps.clear();
    this.walkAgain.clear();
  }

  forget(): void {
    this.endOfPosition();
    this.pending.clear();
  }
}

function fromWalk(walked: Walked, limitCents: number, window: string | undefined): TrackerState {
  const { first, last, count, runningCents, lastKey } = walked;
  return { first, last, count, runningCents, lastKey, limitCents, ...(window === undefined ? {} : { window }) };
}

function advance(state: TrackerState, steps: readonly Step[]): TrackerState {
  let { runningCents, count, last, lastKey } = state;
  const first = [...state.first];
  for (const step of steps) {
    runningCents += step.deltaCents;
    lastKey = { date: step.date, position: step.position };
    if (step.deltaCents <= 0 || runningCents <= state.limitCents) continue;
    count += 1;
    if (first.length < OFFENDING_NAMED_MAX) first.push(step);
    last = step;
  }
  return { ...state, first, last, count, runningCents, lastKey };
}

