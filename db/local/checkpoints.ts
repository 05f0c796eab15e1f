// WAL checkpoints at idle moments instead of inside a write. SQLite's automatic checkpoint runs in
// whichever commit pushes the WAL past 1000 pages, so about one charge write in fifty would pay for
// copying the WAL into the database file (~8 ms on a 1 GB file, docs/BENCHMARKS.md). Here the
// commit never checkpoints; a timer does, between writes (PASSIVE: it never waits for a reader).
//
// The timer also starts the WAL over once it is folded in. The first commit into a WAL that starts
// over writes a new WAL header and, with synchronous=FULL, fsyncs it before its own pages: two
// fsyncs instead of one. At a shop's pace (charges seconds apart, a fold every second) that was
// every charge's write. The timer now pays it, with a one-page write of its own (the schema version,
// unchanged), so a charge's commit is one fsync; it skips ticks with nothing new written.
import type { Db } from './database';

/** How often the WAL is folded back into the database file. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

export interface IdleCheckpoints {
  /** Stops the timer, restores automatic checkpoints and folds in what is left. */
  stop(): void;
}

export interface IdleCheckpointOptions {
  intervalMs?: number;
  /** Told how long each timed checkpoint took (the benchmark records it). */
  observe?: (ms: number) => void;
  /** A checkpoint that failed (disk full, I/O error): reported, never thrown from the timer. */
  onError: (error: unknown) => void;
}

export function startIdleCheckpoints(db: Db, options: IdleCheckpointOptions): IdleCheckpoints {
  const automatic = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  const version = db.pragma('user_version', { simple: true }) as number;
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  let foldedAt = -1;
  const timer = setInterval(() => {
    const started = performance.now();
    try {
      // Nothing written since the last fold: the WAL holds the restart page alone, and folding it in would make the next charge start it over.
      const written = changes.get() ?? 0;
      if (written === foldedAt) return;
      if (checkpoint(db)) db.pragma(`user_version = ${version}`);
      foldedAt = written;
    } catch (error) {
      options.onError(error);
      return;
    }
    options.observe?.(performance.now() - started);
  }, options.intervalMs ?? CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (!db.open) return;
      db.pragma(`wal_autocheckpoint = ${automatic}`);
      checkpoint(db);
    },
  };
}

/**
 * PASSIVE: copies what it can without waiting for any reader or writer; never blocks a charge.
 * True when it copied the whole WAL (no reader held part of it), so the next write starts it over.
 */
function checkpoint(db: Db): boolean {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  return result !== undefined && result.busy === 0 && result.log > 0 && result.checkpointed === result.log;
}
