// WAL checkpoints at idle moments instead of inside a write. SQLite's automatic checkpoint runs in
// whichever commit pushes the WAL past 1000 pages, so about one charge write in fifty would pay for
// copying the WAL into the database file (~8 ms on a 1 GB file, docs/BENCHMARKS.md). Here the
// commit never checkpoints; a timer does, between writes (PASSIVE: it never waits for a reader).
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
  const timer = setInterval(() => {
    const started = performance.now();
    try {
      checkpoint(db);
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

/** PASSIVE: copies what it can without waiting for any reader or writer; never blocks a charge. */
function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}
