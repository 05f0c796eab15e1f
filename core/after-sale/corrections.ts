// Zoho's late word on a record of a closed day: kept as a correction counted on a later, open day
// (the closed day's records never change), noted in the record's history.
import { formatDate } from '../../contract/calendar';
import type { ChargeAttempt, Correction, DayClose } from '../../contract/records';
import type { Db } from '../../db/local/database';
import { recordCorrection } from '../../db/local/day-closes';
import { appendAttemptEvent } from '../../db/local/events';
import { inWriteTransaction } from '../../db/local/statements';
import { correctionDay } from './days';

/** A correction as its record knows it; the days are worked out here. */
export type LateAnswer = Omit<Correction, 'id' | 'day' | 'closedDay' | 'createdAt'> & { close: DayClose; now: number };

export function recordLateAnswer(db: Db, answer: LateAnswer): Correction {
  const { close, now, ...record } = answer;
  return recordCorrection(db, { ...record, day: correctionDay(db, close.day, now), closedDay: close.day, at: now });
}

export interface LateChargeAnswer {
  toState: Correction['toState'];
  paymentId: string | null;
  /** What Zoho said, in a manager's words ("Zoho reports the payment succeeded"). */
  detail: string;
  actor: string;
  now: number;
}

/**
 * A charge of a closed day that Zoho has now answered: its correction on the next open day and a
 * note in its history, in one transaction; the attempt itself stays as the day closed it.
 */
export function recordLateCharge(db: Db, attempt: ChargeAttempt, close: DayClose, answer: LateChargeAnswer): Correction {
  return inWriteTransaction(db, () => {
    const correction = recordLateAnswer(db, {
      close,
      recordKind: 'charge',
      recordId: attempt.id,
      counterId: attempt.counterId,
      invoiceNumber: attempt.invoiceNumber,
      fromState: attempt.state,
      toState: answer.toState,
      amountMinor: answer.toState === 'succeeded' ? attempt.amountMinor : 0,
      paymentId: answer.paymentId,
      detail: answer.detail,
      now: answer.now,
    });
    appendAttemptEvent(db, {
      attemptId: attempt.id,
      fromState: attempt.state,
      toState: attempt.state,
      at: answer.now,
      actor: answer.actor,
      reason: `After ${formatDate(close.day)} was closed: ${answer.detail}. Counted as a correction on ${formatDate(correction.day)}.`,
    });
    return correction;
  });
}
