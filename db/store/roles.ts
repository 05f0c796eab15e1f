// The store owner's side of the PCs' roles (store migration 006): a login role for a PC joining the
// store, with a generated password only that PC keeps; the store's manager PIN in the database; a
// lost or stolen PC cut off. Every function here runs on a connection as the store's owner (the
// address a manager types once, never written to disk), each in one transaction.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Queryable } from './migrate';

/** What a PC keeps to reach its store: its own login role and that role's password. */
export interface PcLogin {
  roleName: string;
  password: string;
}

const SCRAM_ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier of `password`, as PostgreSQL stores it: CREATE ROLE is sent the verifier,
 * never the password, so a statement log or pg_stat_activity never shows it.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16)): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, SCRAM_ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

async function inTransaction<T>(owner: Queryable, work: () => Promise<T>): Promise<T> {
  await owner.query('BEGIN');
  try {
    const result = await work();
    await owner.query('COMMIT');
    return result;
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Runs a statement built by the server's format() (%I, %L) from `args`: role names are not parameters. */
async function runFormatted(owner: Queryable, template: string, args: readonly string[]): Promise<void> {
  const placeholders = args.map((_, index) => `$${index + 2}::text`).join(', ');
  const built = await owner.query<{ sql: string }>(`SELECT format($1::text, ${placeholders}) AS sql`, [template, ...args]);
  const sql = built.rows[0]?.sql;
  if (!sql) throw new Error(`The statement "${template}" could not be built.`);
  await owner.query(sql);
}

/**
 * A login role for the store's PC `stationId` (its stations row exists), a member of the PC group and
 * nothing else, with a generated password; recorded as joined. The owner is made a member of the
 * role too, so it may end the role's sessions when the PC is removed.
 */
export async function addPcRole(owner: Queryable, storeId: string, stationId: string): Promise<PcLogin> {
  const login: PcLogin = { roleName: `counter_pc_${randomBytes(8).toString('hex')}`, password: randomBytes(24).toString('base64url') };
  await inTransaction(owner, async () => {
    const group = await owner.query<{ name: string }>('SELECT pc_group() AS name');
    await runFormatted(owner, 'CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L IN ROLE %I', [
      login.roleName,
      scramVerifier(login.password),
      group.rows[0]?.name ?? '',
    ]);
    await runFormatted(owner, 'GRANT %I TO CURRENT_USER', [login.roleName]);
    await owner.query('INSERT INTO station_roles (role_name, store_id, station_id, created_at) VALUES ($1, $2, $3, db_now_ms())', [login.roleName, storeId, stationId]);
  });
  return login;
}

/** No PC of this store holds a login role under that name. */
export class NoSuchPcError extends Error {
  override readonly name = 'NoSuchPcError';
  constructor(
    readonly storeId: string,
    readonly stationId: string,
  ) {
    super(`stationId: PC ${stationId} has no login role in this store (it was never joined, or was removed already).`);
  }
}

/**
 * Cuts a lost or stolen PC off: its role loses its rights at once (station_roles marks it removed,
 * recorded as removed) and its login, its open sessions are ended, and its role is dropped. Its rows
 * stay. Returns how many sessions were ended.
 */
export async function removePcRole(owner: Queryable, storeId: string, stationId: string): Promise<{ roleName: string; sessionsEnded: number }> {
  const roleName = await inTransaction(owner, async () => {
    const found = await owner.query<{ role_name: string }>(
      'SELECT role_name FROM station_roles WHERE store_id = $1 AND station_id = $2 AND removed_at IS NULL FOR UPDATE',
      [storeId, stationId],
    );
    const role = found.rows[0]?.role_name;
    if (!role) throw new NoSuchPcError(storeId, stationId);
    await owner.query('UPDATE station_roles SET removed_at = db_now_ms() WHERE role_name = $1', [role]);
    await runFormatted(owner, 'ALTER ROLE %I NOLOGIN', [role]);
    return role;
  });
  const ended = await owner.query<{ ended: number }>(
    'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity WHERE usename = $1',
    [roleName],
  );
  await runFormatted(owner, 'DROP ROLE %I', [roleName]);
  return { roleName, sessionsEnded: ended.rows[0]?.ended ?? 0 };
}

/** The store's manager PIN in the database (a new store, or one upgraded by its owner); wrong tries start again. */
export async function setStorePin(owner: Queryable, storeId: string, pin: string): Promise<void> {
  await inTransaction(owner, () => writeStorePin(owner, storeId, pin));
}

/** setStorePin in the caller's transaction. */
export async function writeStorePin(owner: Queryable, storeId: string, pin: string): Promise<void> {
  if (!/^\d{4,8}$/.test(pin)) throw new Error('pin: must be 4 to 8 digits');
  await owner.query(
    `INSERT INTO store_pins (store_id, pin_crypt) VALUES ($1, crypt($2, gen_salt('bf', 10)))
     ON CONFLICT (store_id) DO UPDATE SET pin_crypt = EXCLUDED.pin_crypt`,
    [storeId, pin],
  );
  await owner.query('SELECT setval(pin_guard_sequence($1), 0)', [storeId]);
}

/** Whether the store has its manager PIN in the database (a store made before migration 006 may not). */
export async function storeHasPin(owner: Queryable, storeId: string): Promise<boolean> {
  return (await owner.query('SELECT 1 FROM store_pins WHERE store_id = $1', [storeId])).rows.length > 0;
}

/** One try of the store's manager PIN as the owner, counted with the store's lockout (CN001 wrong, CN002 locked). */
export async function tryStorePin(owner: Queryable, storeId: string, pin: string): Promise<void> {
  await owner.query('SELECT manager_pin_try($1, $2)', [storeId, pin]);
}

/** The PIN hash a store made before migration 006 kept in its row (the owner alone reads it, to upgrade the store). */
export async function legacyPinHash(owner: Queryable, storeId: string): Promise<string | null> {
  return (await owner.query<{ pin_hash: string | null }>('SELECT pin_hash FROM stores WHERE id = $1', [storeId])).rows[0]?.pin_hash ?? null;
}

/** The PC the session's login role is (null for a role that is no PC's): what a PC checks after joining. */
export async function currentStation(client: Queryable): Promise<string | null> {
  return (await client.query<{ id: string | null }>('SELECT current_station() AS id')).rows[0]?.id ?? null;
}
