// Zoho's late word on a record of a closed day: kept as a correction counted on a later, open day
// (the closed day's records never change), noted in the record's history.
import type { Correction, DayClose } from '../../contract/records';
import type { Db } from '../../db/local/database';
import { recordCorrection } from '../../db/local/day-closes';
import { correctionDay } from './days';

/** A correction as its record knows it; the days are worked out here. */
export type LateAnswer = Omit<Correction, 'id' | 'day' | 'closedDay' | 'createdAt'> & { close: DayClose; now: number };

export function recordLateAnswer(db: Db, answer: LateAnswer): Correction {
  const { close, now, ...record } = answer;
  return recordCorrection(db, { ...record, day: correctionDay(db, close.day, now), closedDay: close.day, at: now });
}
