import { initial } from './001_initial';
import { dayLogIndexes } from './002_day_log_indexes';
import { attemptTallies } from './003_attempt_tallies';
import { attemptReviews } from './004_attempt_reviews';
import { accessEvents } from './006_access_events';

/** A step of the schema. Never edit one that has shipped: add the next number instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Number 5 belongs to another branch of this wave (issue 12, the charge engine). Until it is merged,
 * an empty step holds its place so that 6 is sixth; merging replaces it with the real one.
 */
const heldForAnotherBranch = (version: number): Migration => ({ version, name: `held for another branch (${version})`, sql: '' });

export const MIGRATIONS: readonly Migration[] = [initial, dayLogIndexes, attemptTallies, attemptReviews, heldForAnotherBranch(5), accessEvents];
