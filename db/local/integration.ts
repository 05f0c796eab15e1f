// The integration API's records (migration 014): program keys (stored as hashes), the append-only
// record of calls, the invoices a program sent, and each charge request's Idempotency-Key.
import { randomUUID } from 'node:crypto';
import type { IntegrationKey } from '../../contract/records';
import type { Db } from './database';
import { z } from 'zod';
import { INTEGRATION_SCOPES, type IntegrationScope } from '../../contract/vocabulary';
import { inWriteTransaction, prepared } from './statements';

interface KeyRow {
  id: string;
  name: string;
  key_prefix: string;
  scopes: string;
  counter_ids: string;
  created_at: number;
  revoked_at: number | null;
}

const scopesColumn = z.array(z.enum(INTEGRATION_SCOPES));
const idsColumn = z.array(z.string());

function toKey(row: KeyRow): IntegrationKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.key_prefix,
    scopes: scopesColumn.parse(JSON.parse(row.scopes)),
    counterIds: idsColumn.parse(JSON.parse(row.counter_ids)),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export interface NewIntegrationKey {
  name: string;
  keyHash: string;
  prefix: string;
  scopes: readonly IntegrationScope[];
  counterIds: readonly string[];
  at: number;
}

export function insertIntegrationKey(db: Db, input: NewIntegrationKey): IntegrationKey {
  const id = randomUUID();
  prepared(
    db,
    `INSERT INTO integration_keys (id, name, key_hash, key_prefix, scopes, counter_ids, created_at)
     VALUES (@id, @name, @keyHash, @prefix, @scopes, @counterIds, @at)`,
  ).run({ id, name: input.name, keyHash: input.keyHash, prefix: input.prefix, scopes: JSON.stringify(input.scopes), counterIds: JSON.stringify(input.counterIds), at: input.at });
  return requireKey(db, id);
}

export function listIntegrationKeys(db: Db): IntegrationKey[] {
  return prepared<[], KeyRow>(db, 'SELECT * FROM integration_keys ORDER BY created_at, id').all().map(toKey);
}

export function getIntegrationKey(db: Db, id: string): IntegrationKey | null {
  const row = prepared<[string], KeyRow>(db, 'SELECT * FROM integration_keys WHERE id = ?').get(id);
  return row ? toKey(row) : null;
}

function requireKey(db: Db, id: string): IntegrationKey {
  const key = getIntegrationKey(db, id);
  if (!key) throw new Error(`integration key ${id} vanished`);
  return key;
}

export function findKeyByHash(db: Db, keyHash: string): IntegrationKey | null {
  const row = prepared<[string], KeyRow>(db, 'SELECT * FROM integration_keys WHERE key_hash = ?').get(keyHash);
  return row ? toKey(row) : null;
}

/** Revokes the key (once: a revoked key stays revoked); null when there is no such key. */
export function revokeIntegrationKey(db: Db, id: string, at: number): IntegrationKey | null {
  prepared(db, 'UPDATE integration_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
  return getIntegrationKey(db, id);
}

export interface IntegrationCall {
  keyId: string | null;
  at: number;
  method: string;
  path: string;
  status: number;
  errorCode: string | null;
}

export function appendIntegrationCall(db: Db, call: IntegrationCall): void {
  prepared(db, 'INSERT INTO integration_calls (key_id, at, method, path, status, error_code) VALUES (@keyId, @at, @method, @path, @status, @errorCode)').run({ ...call });
}

export function listIntegrationCalls(db: Db, keyId: string): IntegrationCall[] {
  return prepared<[string], IntegrationCall>(
    db,
    'SELECT key_id AS keyId, at, method, path, status, error_code AS errorCode FROM integration_calls WHERE key_id = ? ORDER BY id',
  ).all(keyId);
}

/** Which program sent an invoice, and its reference there. */
export interface InvoiceSource {
  invoiceId: string;
  keyId: string;
  program: string;
  reference: string;
}

/** Marks the invoice as sent by the key's program (the reference is its number). */
export function recordInvoiceSource(db: Db, source: Omit<InvoiceSource, 'reference'>, at: number): void {
  inWriteTransaction(db, () => {
    prepared(db, 'UPDATE invoices SET program = ? WHERE id = ?').run(source.program, source.invoiceId);
    prepared(db, 'INSERT INTO integration_invoices (invoice_id, key_id, created_at) VALUES (?, ?, ?)').run(source.invoiceId, source.keyId, at);
  });
}

const SOURCE_COLUMNS = 'ii.invoice_id AS invoiceId, ii.key_id AS keyId, i.program AS program, i.number AS reference FROM integration_invoices ii JOIN invoices i ON i.id = ii.invoice_id';

export function getInvoiceSource(db: Db, invoiceId: string): InvoiceSource | null {
  return (
    prepared<[string], InvoiceSource>(
      db,
      `SELECT ${SOURCE_COLUMNS} WHERE ii.invoice_id = ?`,
    ).get(invoiceId) ?? null
  );
}

/** The invoices a key sent in [fromMs, toMs), optionally of one reference, oldest first. */
export function listInvoiceSources(db: Db, query: { keyId: string; fromMs: number; toMs: number; reference?: string }): InvoiceSource[] {
  return prepared<[object], InvoiceSource>(
    db,
    `SELECT ${SOURCE_COLUMNS}
     WHERE ii.key_id = @keyId AND ii.created_at >= @fromMs AND ii.created_at < @toMs AND (@reference IS NULL OR i.number = @reference)
     ORDER BY ii.created_at, ii.invoice_id`,
  ).all({ keyId: query.keyId, fromMs: query.fromMs, toMs: query.toMs, reference: query.reference ?? null });
}

export interface IdempotentRequest {
  fingerprint: string;
  attemptId: string | null;
  /** The answer given, once the request has one (a refusal is kept too, so a retry gets the same). */
  status: number | null;
  answer: unknown;
}

interface RequestRow {
  fingerprint: string;
  attempt_id: string | null;
  status: number | null;
  answer: string | null;
}

export function getIdempotentRequest(db: Db, keyId: string, idempotencyKey: string): IdempotentRequest | null {
  const row = prepared<[string, string], RequestRow>(
    db,
    'SELECT fingerprint, attempt_id, status, answer FROM integration_requests WHERE key_id = ? AND idempotency_key = ?',
  ).get(keyId, idempotencyKey);
  if (!row) return null;
  return { fingerprint: row.fingerprint, attemptId: row.attempt_id, status: row.status, answer: row.answer === null ? null : (JSON.parse(row.answer) as unknown) };
}

/** Claims the Idempotency-Key for this request before anything is done; false when it was already claimed. */
export function claimIdempotencyKey(db: Db, claim: { keyId: string; idempotencyKey: string; fingerprint: string; at: number }): boolean {
  const { changes } = prepared(
    db,
    `INSERT INTO integration_requests (key_id, idempotency_key, fingerprint, created_at) VALUES (@keyId, @idempotencyKey, @fingerprint, @at)
     ON CONFLICT DO NOTHING`,
  ).run({ ...claim });
  return changes === 1;
}

export function settleIdempotentRequest(db: Db, settled: { keyId: string; idempotencyKey: string; attemptId: string | null; status: number; answer: unknown }): void {
  prepared(
    db,
    'UPDATE integration_requests SET attempt_id = @attemptId, status = @status, answer = @answer WHERE key_id = @keyId AND idempotency_key = @idempotencyKey',
  ).run({ keyId: settled.keyId, idempotencyKey: settled.idempotencyKey, attemptId: settled.attemptId, status: settled.status, answer: JSON.stringify(settled.answer) });
}
