import { initial } from './001_initial';
import { dayLogIndexes } from './002_day_log_indexes';
import { attemptTallies } from './003_attempt_tallies';
import { attemptReviews } from './004_attempt_reviews';
import { attemptHolds } from './005_attempt_holds';
import { accessEvents } from './006_access_events';
import { storeOutbox } from './010_store_outbox';

/** A step of the schema. Never edit one that has shipped: add the next number instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbers 7-9 belong to issue 14's branch of this wave. Until it is merged, empty steps hold their
 * places so that 10 is tenth; merging replaces them with the real ones.
 */
const heldForAnotherBranch = (version: number): Migration => ({ version, name: `held for another branch (${version})`, sql: '' });

export const MIGRATIONS: readonly Migration[] = [
  initial,
  dayLogIndexes,
  attemptTallies,
  attemptReviews,
  attemptHolds,
  accessEvents,
  ...[7, 8, 9].map(heldForAnotherBranch),
  storeOutbox,
];
