import type { StoreMigration } from './index';

// No till can betray the store (issue 20): the database trusts each PC with its own rows only.
//
// - Roles. The store's owner (the database's owner, the role that runs the migrations) creates one
//   login role per PC (db/store/roles.ts), each a member of this database's PC group, which holds
//   every grant a PC has. station_roles, written by the owner only, says which PC of which store a
//   login role is; current_store() and current_station() read it for the session's login role
//   (session_user: SET ROLE cannot change it), never from what the PC says. Roles are the cluster's,
//   so the group is named after this database, and only the group may connect to it.
// - Rows. Every ledger table has its PC in its primary key. Row-level security lets a PC read its
//   store's rows only, and insert and update only rows of its own store and PC; no PC may delete a
//   ledger row. The owner is the tables' owner and is not subject to row-level security.
// - Configuration. Counters, preferences, the Zoho account's details, the PIN, releasing a claim and
//   closing the day go through SECURITY DEFINER functions that check the manager PIN themselves,
//   against a pgcrypto hash in store_pins, which no PC can read. Wrong tries are counted in a
//   sequence per store (pin_guard_*): setval is never rolled back, so a PC cannot undo its wrong
//   tries by rolling back its transaction. 5 wrong tries lock the PIN for a minute, doubling with
//   each lockout up to a day, as core/manager/pin-guard.ts does on a PC.
// - Re-checks. A settlement written by another PC is a request: the PC that owns the payment asks
//   Zoho itself before it records any outcome. A PC may write requests in its own name only, and
//   mark applied only the requests addressed to itself.
// - Every SECURITY DEFINER function sets its search_path (public, then pg_temp last), and EXECUTE is
//   granted to the PC group function by function, never to PUBLIC.
//
// Running it needs an owner that may create roles (CREATEROLE).

/** Every table a PC ships its ledger into, with the column naming the PC that wrote the row. */
const LEDGER_TABLES = ['invoices', 'charge_attempts', 'attempt_events', 'refunds', 'refund_events', 'tenders', 'corrections'] as const;
/** Ledger tables whose key lacked the PC until this migration. */
const REKEYED = ['invoices', 'charge_attempts', 'refunds', 'tenders', 'day_closes', 'corrections'] as const;

const DEFINER = 'SECURITY DEFINER SET search_path = public, pg_temp';

/** SELECT for the store's rows, INSERT and UPDATE for this PC's own; never DELETE. */
export function ownRowsPolicies(table: string, station = 'station_id'): string {
  const own = `store_id = current_store() AND ${station} = current_station()`;
  return `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (store_id = current_store());
CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (${own});
CREATE POLICY ${table}_update ON ${table} FOR UPDATE USING (${own}) WITH CHECK (${own});`;
}

const storeReadPolicy = (table: string, column = 'store_id') => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (${column} = current_store());`;

/** What the PC group may do, run with the database's name as %1$I and the group's as %2$I. */
const GRANTS = [
  'GRANT CONNECT ON DATABASE %1$I TO %2$I',
  'GRANT USAGE ON SCHEMA public TO %2$I',
  'GRANT SELECT ON counter_store_schema TO %2$I',
  'GRANT SELECT (id, name, created_at, poll_interval_seconds, zoho_edition, zoho_account_id, zoho_client_id, config_version) ON stores TO %2$I',
  'GRANT SELECT, INSERT ON stations TO %2$I',
  'GRANT UPDATE (name, last_seen, live_sessions, stopped, outbox_epoch, shipped_seq) ON stations TO %2$I',
  'GRANT SELECT ON counters, station_membership, attempt_tallies, day_closes TO %2$I',
  'GRANT SELECT, INSERT, DELETE ON counter_claims TO %2$I',
  `GRANT SELECT, INSERT, UPDATE ON ${LEDGER_TABLES.join(', ')} TO %2$I`,
  'GRANT SELECT, INSERT ON settlements TO %2$I',
  'GRANT UPDATE (applied_at) ON settlements TO %2$I',
  `GRANT EXECUTE ON FUNCTION current_store(), current_station(), verify_manager_pin(text), change_pin(text, text),
     set_counter(text, text, text, text, text, boolean, bigint), set_preferences(text, integer), set_zoho_details(text, text, text, text),
     release_claim(text, text), close_day(text, text, text, bigint, bigint, text, integer, text, bigint),
     book_token_request(text, integer, bigint) TO %2$I`,
];

export const storePcRoles: StoreMigration = {
  version: 6,
  name: 'pc roles',
  sql: `
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

-- No function of this database is anyone's to run unless granted.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;

DO $$
DECLARE
  group_name name := 'counter_pcs_' || left(md5(current_database()), 16);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = group_name) THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN', group_name);
  END IF;
  EXECUTE format('CREATE FUNCTION pc_group() RETURNS name LANGUAGE sql IMMUTABLE AS %L', format('SELECT %L::name', group_name));
  EXECUTE format('REVOKE EXECUTE ON FUNCTION pc_group() FROM PUBLIC');
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;

-- Which PC each login role is: written by the owner only (db/store/roles.ts). A removed PC's row
-- stays, with the time it was removed; its role is dropped.
CREATE TABLE station_roles (
  role_name name PRIMARY KEY,
  store_id text NOT NULL,
  station_id text NOT NULL,
  created_at bigint NOT NULL,
  removed_at bigint,
  FOREIGN KEY (store_id, station_id) REFERENCES stations (store_id, id)
);
CREATE UNIQUE INDEX station_roles_live ON station_roles (store_id, station_id) WHERE removed_at IS NULL;

-- Every PC joined and removed, by whom (the login role that did it).
CREATE TABLE station_membership (
  store_id text NOT NULL,
  station_id text NOT NULL,
  at bigint NOT NULL,
  change text NOT NULL CHECK (change IN ('joined', 'removed')),
  role_name name NOT NULL,
  changed_by name NOT NULL,
  FOREIGN KEY (store_id, station_id) REFERENCES stations (store_id, id)
);
CREATE INDEX station_membership_store ON station_membership (store_id, at);

CREATE FUNCTION db_now_ms() RETURNS bigint LANGUAGE sql VOLATILE SET search_path = public, pg_temp
  AS $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;

CREATE FUNCTION station_roles_recorded() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO station_membership (store_id, station_id, at, change, role_name, changed_by)
    VALUES (NEW.store_id, NEW.station_id, db_now_ms(), 'joined', NEW.role_name, session_user);
  ELSIF OLD.removed_at IS NULL AND NEW.removed_at IS NOT NULL THEN
    INSERT INTO station_membership (store_id, station_id, at, change, role_name, changed_by)
    VALUES (NEW.store_id, NEW.station_id, db_now_ms(), 'removed', NEW.role_name, session_user);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER station_roles_recorded AFTER INSERT OR UPDATE OF removed_at ON station_roles
  FOR EACH ROW EXECUTE FUNCTION station_roles_recorded();

-- The PC and store of the session's login role (NULL for any other role). SECURITY DEFINER: no PC
-- reads station_roles itself.
CREATE FUNCTION current_station() RETURNS text LANGUAGE sql STABLE ${DEFINER}
  AS $$ SELECT station_id FROM station_roles WHERE role_name = session_user AND removed_at IS NULL $$;
CREATE FUNCTION current_store() RETURNS text LANGUAGE sql STABLE ${DEFINER}
  AS $$ SELECT store_id FROM station_roles WHERE role_name = session_user AND removed_at IS NULL $$;

CREATE FUNCTION require_store() RETURNS text LANGUAGE plpgsql STABLE ${DEFINER} AS $$
DECLARE
  store text := current_store();
BEGIN
  IF store IS NULL THEN
    RAISE EXCEPTION 'login role %: is not a PC of any store here (a manager joins a PC with the owner''s address)', session_user
      USING ERRCODE = '42501';
  END IF;
  RETURN store;
END
$$;

-- Every ledger table and the re-check requests have their PC in their primary key.
${REKEYED.map((table) => `ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (store_id, station_id, id);`).join('\n')}
ALTER TABLE settlements DROP CONSTRAINT settlements_pkey, ADD PRIMARY KEY (store_id, owner_station_id, attempt_id);

${LEDGER_TABLES.map((table) => ownRowsPolicies(table)).join('\n')}
${storeReadPolicy('stores', 'id')}
${storeReadPolicy('counters')}
${storeReadPolicy('station_membership')}
${storeReadPolicy('attempt_tallies')}
${storeReadPolicy('day_closes')}
${ownRowsPolicies('stations', 'id')}
${ownRowsPolicies('counter_claims')}
CREATE POLICY counter_claims_release ON counter_claims FOR DELETE USING (store_id = current_store() AND station_id = current_station());

-- A re-check request: written in the requesting PC's own name, marked applied by the owning PC only.
ALTER TABLE settlements ENABLE ROW LEVEL SECURITY;
CREATE POLICY settlements_read ON settlements FOR SELECT USING (store_id = current_store());
CREATE POLICY settlements_request ON settlements FOR INSERT
  WITH CHECK (store_id = current_store() AND settled_by_station_id = current_station());
CREATE POLICY settlements_applied ON settlements FOR UPDATE
  USING (store_id = current_store() AND owner_station_id = current_station())
  WITH CHECK (store_id = current_store() AND owner_station_id = current_station());

-- The day's tallies follow the attempts: the trigger writes them as the owner, no PC does.
ALTER FUNCTION charge_attempts_tally() ${DEFINER};

-- Token requests are booked for the whole Zoho account (every store on it) in one function, which
-- reads and writes the bookings itself: no PC reads another store's bookings.
ALTER TABLE token_requests ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION book_token_request(p_account_key text, p_limit integer, p_window_ms bigint) RETURNS bigint
  LANGUAGE plpgsql ${DEFINER} AS $$
DECLARE
  store text := require_store();
  now_ms bigint := db_now_ms();
  taken bigint[];
BEGIN
  IF p_limit < 1 OR p_window_ms < 1 THEN
    RAISE EXCEPTION 'token request booking: the limit and its window must be positive' USING ERRCODE = '22023';
  END IF;
  PERFORM pg_advisory_xact_lock(7310020, hashtext(p_account_key));
  SELECT array_agg(at ORDER BY at) INTO taken FROM token_requests WHERE account_key = p_account_key AND at > now_ms - p_window_ms;
  IF coalesce(cardinality(taken), 0) >= p_limit THEN
    -- Milliseconds until the oldest booking that counts leaves the window.
    RETURN greatest(1, taken[cardinality(taken) - p_limit + 1] + p_window_ms - now_ms);
  END IF;
  INSERT INTO token_requests (account_key, at, store_id, station_id) VALUES (p_account_key, now_ms, store, current_station());
  DELETE FROM token_requests WHERE account_key = p_account_key AND at < now_ms - p_window_ms * 6;
  RETURN 0;
END
$$;

-- The manager PIN: a pgcrypto (bcrypt) hash no PC can read, set by the owner when the store is
-- made or upgraded (db/store/roles.ts), then changed only by change_pin.
CREATE TABLE store_pins (
  store_id text PRIMARY KEY REFERENCES stores (id),
  pin_crypt text NOT NULL
);

-- A store's wrong-try guard: one sequence per store holding locked_until_ms * 256 + lockouts * 8 +
-- failed_tries. A sequence is not transactional, so a try counted stays counted when the PC rolls
-- its transaction back.
CREATE FUNCTION pin_guard_sequence(p_store text) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp
  AS $$ SELECT 'pin_guard_' || md5(p_store) $$;

CREATE FUNCTION stores_pin_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  EXECUTE format('CREATE SEQUENCE %I MINVALUE 0 START 0', pin_guard_sequence(NEW.id));
  RETURN NEW;
END
$$;
CREATE TRIGGER stores_pin_guard AFTER INSERT ON stores FOR EACH ROW EXECUTE FUNCTION stores_pin_guard();

DO $$
DECLARE
  store text;
BEGIN
  FOR store IN SELECT id FROM stores LOOP
    EXECUTE format('CREATE SEQUENCE %I MINVALUE 0 START 0', pin_guard_sequence(store));
  END LOOP;
END
$$;

-- One try of the manager PIN for a store: refused while locked (CN002); counted before it is
-- checked; wrong (CN001) or right (the count starts again). Not a PC's to call: the functions below do.
CREATE FUNCTION manager_pin_try(p_store text, p_pin text) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
DECLARE
  guard text := pin_guard_sequence(p_store);
  stored text;
  packed bigint;
  locked_until bigint;
  lockouts integer;
  failed integer;
  now_ms bigint;
BEGIN
  SELECT pin_crypt INTO stored FROM store_pins WHERE store_id = p_store;
  IF stored IS NULL THEN
    RAISE EXCEPTION 'manager PIN: this store has none in the database yet (the owner sets it when upgrading the store)' USING ERRCODE = 'CN003';
  END IF;
  -- One try at a time per store, so a burst of tries is counted try by try.
  PERFORM pg_advisory_xact_lock(7310021, hashtext(p_store));
  EXECUTE format('SELECT last_value FROM %I', guard) INTO packed;
  now_ms := db_now_ms();
  locked_until := packed / 256;
  lockouts := (packed % 256) / 8;
  failed := packed % 8;
  IF locked_until > now_ms THEN
    RAISE EXCEPTION 'manager PIN: locked after 5 wrong tries; try again in % seconds', ceil((locked_until - now_ms) / 1000.0)
      USING ERRCODE = 'CN002', DETAIL = (locked_until - now_ms)::text;
  END IF;
  failed := failed + 1;
  IF failed >= 5 THEN
    locked_until := now_ms + least(60000 * power(2, lockouts), 86400000)::bigint;
    lockouts := least(lockouts + 1, 31);
    failed := 0;
  END IF;
  PERFORM setval(guard, greatest(locked_until, 0) * 256 + lockouts * 8 + failed);
  IF crypt(p_pin, stored) IS DISTINCT FROM stored THEN
    RAISE EXCEPTION 'manager PIN: wrong PIN' USING ERRCODE = 'CN001';
  END IF;
  PERFORM setval(guard, 0);
END
$$;

-- The PIN of the session's store, checked (for a manager unlocking this PC's manager screens).
CREATE FUNCTION verify_manager_pin(p_pin text) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
BEGIN
  PERFORM manager_pin_try(require_store(), p_pin);
END
$$;

CREATE FUNCTION config_changed(p_store text) RETURNS void LANGUAGE sql ${DEFINER}
  AS $$ UPDATE stores SET config_version = config_version + 1 WHERE id = p_store $$;

CREATE FUNCTION change_pin(p_pin text, p_new_pin text) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  IF p_new_pin IS NULL OR p_new_pin !~ '^[0-9]{4,8}$' THEN
    RAISE EXCEPTION 'new PIN: must be 4 to 8 digits' USING ERRCODE = '22023';
  END IF;
  UPDATE store_pins SET pin_crypt = crypt(p_new_pin, gen_salt('bf', 10)) WHERE store_id = store;
  PERFORM config_changed(store);
END
$$;

-- A counter of the session's store, made or changed. Its terminal does not move, and it is not
-- deactivated, while any PC has a live payment or a hold on it; deactivating it releases its claim.
CREATE FUNCTION set_counter(p_pin text, p_counter_id text, p_name text, p_terminal_id text, p_invoice_prefix text, p_active boolean, p_created_at bigint)
  RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
DECLARE
  store text := require_store();
  existing counters%ROWTYPE;
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  SELECT * INTO existing FROM counters WHERE store_id = store AND id = p_counter_id FOR UPDATE;
  IF FOUND AND (existing.terminal_id IS DISTINCT FROM p_terminal_id OR (existing.active AND NOT p_active)) AND EXISTS (
    SELECT 1 FROM charge_attempts
    WHERE store_id = store AND counter_id = p_counter_id
      AND (state IN ('creating', 'in_progress') OR (hold_until IS NOT NULL AND hold_ended_at IS NULL))
  ) THEN
    RAISE EXCEPTION 'terminalId: a payment on this counter has not finished; change it when it has' USING ERRCODE = 'CN004';
  END IF;
  INSERT INTO counters (store_id, id, name, terminal_id, invoice_prefix, active, created_at)
  VALUES (store, p_counter_id, p_name, p_terminal_id, p_invoice_prefix, p_active, p_created_at)
  ON CONFLICT (store_id, id) DO UPDATE
    SET name = EXCLUDED.name, terminal_id = EXCLUDED.terminal_id, invoice_prefix = EXCLUDED.invoice_prefix, active = EXCLUDED.active;
  IF NOT p_active THEN
    DELETE FROM counter_claims WHERE store_id = store AND counter_id = p_counter_id;
  END IF;
  PERFORM config_changed(store);
END
$$;

CREATE FUNCTION set_preferences(p_pin text, p_poll_interval_seconds integer) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  IF p_poll_interval_seconds IS NULL OR p_poll_interval_seconds NOT BETWEEN 5 AND 10 THEN
    RAISE EXCEPTION 'pollIntervalSeconds: must be 5 to 10 seconds' USING ERRCODE = '22023';
  END IF;
  UPDATE stores SET poll_interval_seconds = p_poll_interval_seconds WHERE id = store;
  PERFORM config_changed(store);
END
$$;

CREATE FUNCTION set_zoho_details(p_pin text, p_edition text, p_account_id text, p_client_id text) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  UPDATE stores SET zoho_edition = p_edition, zoho_account_id = p_account_id, zoho_client_id = p_client_id WHERE id = store;
  PERFORM config_changed(store);
END
$$;

-- A manager frees a counter held by another PC (a stale claim).
CREATE FUNCTION release_claim(p_pin text, p_counter_id text) RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  DELETE FROM counter_claims WHERE store_id = store AND counter_id = p_counter_id;
END
$$;

-- A day closed by this PC (its own close, in its own name): the store's day ends for every PC, so it
-- needs the PIN. Sent again, the same close changes nothing.
CREATE FUNCTION close_day(p_pin text, p_id text, p_day text, p_from_ms bigint, p_to_ms bigint, p_closed_by text, p_awaiting_review integer, p_summary text, p_created_at bigint)
  RETURNS void LANGUAGE plpgsql ${DEFINER} AS $$
DECLARE
  store text := require_store();
BEGIN
  PERFORM manager_pin_try(store, p_pin);
  INSERT INTO day_closes (store_id, station_id, id, day, from_ms, to_ms, closed_by, awaiting_review, summary, created_at, updated_at)
  VALUES (store, current_station(), p_id, p_day, p_from_ms, p_to_ms, p_closed_by, p_awaiting_review, p_summary, p_created_at, p_created_at)
  ON CONFLICT (store_id, station_id, id) DO NOTHING;
END
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;

DO $$
BEGIN
${GRANTS.map((grant) => `  EXECUTE format('${grant.replaceAll("'", "''")}', current_database(), pc_group());`).join('\n')}
END
$$;
`,
};
