import { initial } from './001_initial';
import { dayLogIndexes } from './002_day_log_indexes';
import { attemptTallies } from './003_attempt_tallies';
import { attemptReviews } from './004_attempt_reviews';
import { refunds } from './007_refunds';
import { tenders } from './008_tenders';
import { dayCloses } from './009_day_closes';

/** A step of the schema. Never edit one that has shipped: add the next number instead. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * In order. Numbers 5 and 6 are reserved for issue 12's migrations (merged in parallel): until they
 * land, `numberingGap` stands in for them so that 7–9 keep their numbers. See db/README.md.
 */
export const MIGRATIONS: readonly Migration[] = [initial, dayLogIndexes, attemptTallies, attemptReviews, numberingGap(5), numberingGap(6), refunds, tenders, dayCloses];

/** An empty step holding a migration number reserved for another branch. Replaced at the merge. */
function numberingGap(version: number): Migration {
  return { version, name: `reserved ${version}`, sql: '' };
}
