import type { ChargeAttempt, Counter, Invoice } from '../../contract/model';
import * as attempts from '../../db/attempts';
import * as counters from '../../db/counters';
import type { Db } from '../../db/database';
import * as invoices from '../../db/invoices';
import { HandlerFailure } from '../failure';

export function requireCounter(db: Db, id: string): Counter {
  const counter = counters.getCounter(db, id);
  if (!counter) throw new HandlerFailure('not_found', 'That counter does not exist.', 'counterId');
  return counter;
}

export function requireInvoice(db: Db, id: string): Invoice {
  const invoice = invoices.getInvoice(db, id);
  if (!invoice) throw new HandlerFailure('not_found', 'That invoice does not exist.', 'invoiceId');
  return invoice;
}

export function requireAttempt(db: Db, id: string): ChargeAttempt {
  const attempt = attempts.getAttempt(db, id);
  if (!attempt) throw new HandlerFailure('not_found', 'That payment does not exist.', 'attemptId');
  return attempt;
}
