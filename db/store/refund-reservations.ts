// A refund reserved in the store before Zoho is asked (store migration 018): reserve_refund counts the
// other PCs' refunds of the payment under the payment's lock, with what this PC's own take, and writes
// the refund as this PC's row only if it fits in what is left.
import type { Queryable } from './migrate';

export interface RefundReservation {
  reserved: boolean;
  /** What was left of the payment before this refund, across the store. */
  leftMinor: number;
}

/** What the refunding PC knows: what its own payment took (ignored for another PC's), and what its own refunds of the payment take besides this one. */
export interface RefundCounts {
  paidMinor: number;
  takenHereMinor: number;
}

/** Reserves `row` (the refund as the store keeps it: db/local/refund-queries.ts refundRowForStore). */
export async function reserveRefund(client: Queryable, row: Record<string, unknown>, counts: RefundCounts): Promise<RefundReservation> {
  const result = await client.query<{ reserved: boolean; left_minor: number | string }>('SELECT reserved, left_minor FROM reserve_refund($1::jsonb, $2, $3)', [
    JSON.stringify(row),
    counts.paidMinor,
    counts.takenHereMinor,
  ]);
  const answer = result.rows[0];
  if (!answer) throw new Error('reserve_refund answered nothing');
  return { reserved: answer.reserved, leftMinor: Number(answer.left_minor) };
}
