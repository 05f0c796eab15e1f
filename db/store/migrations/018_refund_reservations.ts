import type { StoreMigration } from './index';

// Never more refunded than was paid, across the PCs of a store (issue 21): a PC refunds another PC's
// sale, so what is left of a payment is the store's to count. Before a PC asks Zoho for a refund it
// reserves it here: reserve_refund takes the payment's lock (one advisory lock per payment, held to
// the end of the call's transaction, so two PCs refunding the same payment at once are served one
// after the other), counts the other PCs' refunds of that payment in the store (the ones still under
// way too; a refund's state as its PC's correction says, where a closed day's refund has one) with
// what the calling PC says its own refunds of it take (its ledger is ahead of its shipped rows), and
// writes the refund as the calling PC's own row only if it fits. SECURITY INVOKER: the PC's
// row-level security applies, so a PC writes only its own refund. The amount paid is the store's copy
// of the payment when another PC took it (it must be paid), and the caller's word for its own.
// The payment's refunds are found by store migration 008's index. A refund's invoice may be another
// PC's: the day's refunds find it by its id alone (invoices_id).
export const storeRefundReservations: StoreMigration = {
  version: 18,
  name: 'refund reservations',
  sql: `
CREATE INDEX invoices_id ON invoices (store_id, id);

CREATE FUNCTION reserve_refund(p_refund jsonb, p_paid_minor bigint, p_taken_here_minor bigint) RETURNS TABLE (reserved boolean, left_minor bigint)
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
  store text := current_store();
  station text := current_station();
  refund refunds := jsonb_populate_record(NULL::refunds, p_refund || jsonb_build_object('store_id', store, 'station_id', station));
  paid bigint;
  taken bigint;
BEGIN
  IF store IS NULL THEN
    RAISE EXCEPTION 'login role %: is not a PC of any store here', session_user USING ERRCODE = '42501';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('refund ' || store || ' ' || refund.attempt_id, 0));
  IF EXISTS (SELECT 1 FROM charge_attempts AS a WHERE a.store_id = store AND a.id = refund.attempt_id AND a.station_id <> station) THEN
    SELECT a.amount_minor INTO paid FROM charge_attempts AS a
    WHERE a.store_id = store AND a.id = refund.attempt_id AND a.station_id <> station
      AND a.state = 'succeeded' AND a.payment_id = refund.payment_id AND a.currency = refund.currency;
  ELSE
    paid := p_paid_minor;
  END IF;
  SELECT p_taken_here_minor + coalesce(sum(r.amount_minor), 0) INTO taken FROM refunds AS r
  WHERE r.store_id = store AND r.attempt_id = refund.attempt_id AND r.station_id <> station
    AND coalesce(
      (SELECT c.to_state FROM corrections AS c
       WHERE c.store_id = r.store_id AND c.station_id = r.station_id AND c.record_kind = 'refund' AND c.record_id = r.id
       ORDER BY c.created_at DESC LIMIT 1),
      r.state) IN ('creating', 'initiated', 'pending', 'succeeded', 'unknown');
  IF paid IS NULL OR refund.amount_minor > paid - taken THEN
    RETURN QUERY SELECT false, greatest(coalesce(paid, 0) - taken, 0);
    RETURN;
  END IF;
  INSERT INTO refunds SELECT refund.* ON CONFLICT (store_id, station_id, id) DO NOTHING;
  RETURN QUERY SELECT true, paid - taken;
END
$$;
REVOKE ALL ON FUNCTION reserve_refund(jsonb, bigint, bigint) FROM PUBLIC;
DO $$ BEGIN EXECUTE format('GRANT EXECUTE ON FUNCTION reserve_refund(jsonb, bigint, bigint) TO %I', pc_group()); END $$;
`,
};
