// The charge calls: create one for an external invoice (once per Idempotency-Key), read it, wait
// for it to leave Zoho's hands, and list a day's charges by reference. A key sees its own charges only.
import type { Counter, IntegrationKey, Invoice } from '../../contract/records';
import { isLiveState } from '../../contract/vocabulary';
import { getAttempt, listAttemptsForInvoice } from '../../db/local/attempt-queries';
import {
  claimIdempotencyKey,
  getIdempotentRequest,
  getInvoiceSource,
  listInvoiceSources,
  recordInvoiceSource,
  settleIdempotentRequest,
  type IdempotentRequest,
  type InvoiceSource,
} from '../../db/local/integration';
import { getInvoiceByNumber } from '../../db/local/invoices';
import { localDate, localDayRange } from '../../contract/calendar';
import { toApiCharge, type ApiCharge } from './charge-view';
import type { IntegrationBackend } from './port';
import { ApiRefusal, fromAppError, refuse } from './replies';
import { chargeListQuery, chargeReadQuery, chargeRequest, fingerprint, idempotencyKey, parseOrRefuse, type ChargeRequest } from './requests';

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function createCharge(api: IntegrationBackend, key: IntegrationKey, body: unknown, idempotencyHeader: string | string[] | undefined): Promise<Answer> {
  const request = parseOrRefuse(chargeRequest, body);
  const idempotency = idempotencyKey(idempotencyHeader);
  const print = fingerprint(request);
  const earlier = getIdempotentRequest(api.db(), key.id, idempotency);
  if (earlier) return replay(api, earlier, print);
  const counter = await counterFor(api, key, request.counter);
  if (request.currency !== api.currency()) {
    refuse(422, 'invalid_input', `Currency must be ${api.currency()}, the currency of this shop’s Zoho account.`, 'currency');
  }
  if (!claimIdempotencyKey(api.db(), { keyId: key.id, idempotencyKey: idempotency, fingerprint: print, at: api.now() })) {
    const claimed = getIdempotentRequest(api.db(), key.id, idempotency);
    if (claimed) return replay(api, claimed, print);
  }
  const settle = (attemptId: string | null, answer: Answer) => {
    settleIdempotentRequest(api.db(), { keyId: key.id, idempotencyKey: idempotency, attemptId, status: answer.status, answer: answer.body });
    return answer;
  };
  try {
    const { invoice, source } = await invoiceFor(api, key, request, counter);
    const charged = await api.call('charge-create', { invoiceId: invoice.id, counterId: counter.id, method: request.method });
    if (!charged.ok) throw fromAppError(charged.error);
    return settle(charged.value.id, { status: 201, body: toApiCharge(charged.value, source) });
  } catch (error) {
    // A refusal is kept with the key, so a retry gets the same answer and never a second try.
    const refusal = error instanceof ApiRefusal ? error : new ApiRefusal(500, { code: 'internal', message: 'Something went wrong inside Counter. The details were logged.' });
    settle(null, { status: refusal.status, body: { error: refusal.error } });
    throw error;
  }
}

/** The answer already given to this Idempotency-Key (the charge as it is now), or a refusal of a different body under it. */
function replay(api: IntegrationBackend, earlier: IdempotentRequest, print: string): Answer {
  if (earlier.fingerprint !== print) {
    refuse(422, 'idempotency_key_reused', 'Idempotency-Key was already used for a different request: use a new key for a new charge.', 'Idempotency-Key');
  }
  const replayed = { 'idempotent-replayed': 'true' };
  if (earlier.attemptId !== null) return { status: 200, body: readCharge(api.db(), earlier.attemptId), headers: replayed };
  if (earlier.status !== null) return { status: earlier.status, body: earlier.answer, headers: replayed };
  return refuse(409, 'request_in_progress', 'This request is still being handled: try again in a moment with the same Idempotency-Key.', 'Idempotency-Key');
}

/** The counter named (by its name on the screen, or its id), if this key may charge on it. */
async function counterFor(api: IntegrationBackend, key: IntegrationKey, named: string): Promise<Counter> {
  const listed = await api.call('counters-list', {});
  if (!listed.ok) throw fromAppError(listed.error);
  const wanted = named.toLowerCase();
  const counter = listed.value.find((c) => c.id === named) ?? listed.value.find((c) => c.name.toLowerCase() === wanted);
  if (!counter) refuse(404, 'not_found', `There is no counter named "${named}".`, 'counter');
  if (!key.counterIds.includes(counter.id)) refuse(403, 'counter_not_allowed', `This API key may not charge on ${counter.name}: a manager chooses a key’s counters.`, 'counter');
  return counter;
}

/** The invoice Counter keeps for the program's reference: made on the first charge, charged again after a failure. */
async function invoiceFor(api: IntegrationBackend, key: IntegrationKey, request: ChargeRequest, counter: Counter): Promise<{ invoice: Invoice; source: InvoiceSource }> {
  const db = api.db();
  const existing = getInvoiceByNumber(db, request.reference);
  if (existing) {
    const source = getInvoiceSource(db, existing.id);
    if (!source || source.keyId !== key.id) refuse(409, 'conflict', `Invoice number ${request.reference} is already used in Counter: use another reference.`, 'reference');
    if (existing.totalMinor !== request.amountMinor) refuse(409, 'conflict', `Reference ${request.reference} was sent before with another amount: the amount of an invoice cannot change.`, 'amountMinor');
    if (existing.counterId !== counter.id) refuse(409, 'conflict', `Reference ${request.reference} belongs to another counter.`, 'counter');
    return { invoice: existing, source };
  }
  const created = await api.call('invoice-create', {
    counterId: counter.id,
    number: request.reference,
    program: key.name,
    lines: [{ description: `${key.name} invoice ${request.reference}`, quantity: 1, unitPriceMinor: request.amountMinor }],
  });
  if (!created.ok) throw fromAppError(created.error.field === 'number' ? { ...created.error, field: 'reference' } : created.error);
  const source = { invoiceId: created.value.id, keyId: key.id, program: key.name, reference: created.value.number };
  recordInvoiceSource(db, source, api.now());
  return { invoice: { ...created.value, program: key.name }, source };
}

export function readCharge(db: ReturnType<IntegrationBackend['db']>, attemptId: string, keyId?: string): ApiCharge {
  const attempt = getAttempt(db, attemptId);
  const source = attempt ? getInvoiceSource(db, attempt.invoiceId) : null;
  if (!attempt || !source || (keyId !== undefined && source.keyId !== keyId)) refuse(404, 'not_found', 'There is no charge with this id made with this key.', 'id');
  return toApiCharge(attempt, source);
}

/** The charge; with ?wait=N, waits up to N seconds for it to leave Zoho's hands (any state but creating and in_progress). */
export async function getCharge(api: IntegrationBackend, key: IntegrationKey, attemptId: string, query: unknown): Promise<Answer> {
  const { wait } = parseOrRefuse(chargeReadQuery, query);
  const now = readCharge(api.db(), attemptId, key.id);
  if (!wait || !now.pending) return { status: 200, body: now };
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, wait * 1000);
    const unsubscribe = api.subscribe((event) => {
      if (event.type === 'charge-updated' && event.attempt.id === attemptId && !isLiveState(event.attempt.state)) done();
    });
    function done() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
  return { status: 200, body: readCharge(api.db(), attemptId, key.id) };
}

/** The day's charges of this key (today by default), optionally of one reference, oldest first. */
export function listCharges(api: IntegrationBackend, key: IntegrationKey, query: unknown): Answer {
  const { date, reference } = parseOrRefuse(chargeListQuery, query);
  const db = api.db();
  const day = date ?? localDate(api.now());
  const sources = listInvoiceSources(db, { keyId: key.id, ...localDayRange(day), ...(reference ? { reference } : {}) });
  const charges = sources.flatMap((source) => listAttemptsForInvoice(db, source.invoiceId).map((attempt) => toApiCharge(attempt, source)));
  return { status: 200, body: { date: day, charges } };
}
