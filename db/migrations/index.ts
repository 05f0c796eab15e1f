import { initial } from './001_initial';
import { dayLogIndexes } from './002_day_log_indexes';
import { attemptTallies } from './003_attempt_tallies';
import { attemptReviews } from './004_attempt_reviews';
import { storeOutbox } from './010_store_outbox';

/** A step of the schema. Never edit one that has shipped: add the next number instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbers 5-9 belong to other branches of this wave (issue 12: 5-6, issue 14: 7-9). Until they are
 * merged, empty steps hold their places so that 10 is tenth; merging replaces them with the real ones.
 */
const heldForAnotherBranch = (version: number): Migration => ({ version, name: `held for another branch (${version})`, sql: '' });

export const MIGRATIONS: readonly Migration[] = [
  initial,
  dayLogIndexes,
  attemptTallies,
  attemptReviews,
  ...[5, 6, 7, 8, 9].map(heldForAnotherBranch),
  storeOutbox,
];
