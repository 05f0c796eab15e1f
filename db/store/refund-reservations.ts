// A refund reserved in the store before Zoho is asked (store migration 018): reserve_refund counts every
// PC's refunds of the payment under the payment's lock and writes the refund as this PC's row only if
// it fits in what is left.
import type { Queryable } from './migrate';

export interface RefundReservation {
  reserved: boolean;
  /** What was left of the payment before this refund, across the store. */
  leftMinor: number;
}

/** Reserves `row` (the refund as the store keeps it: db/local/refund-queries.ts refundRowForStore); `paidMinor` counts for this PC's own payment. */
export async function reserveRefund(client: Queryable, row: Record<string, unknown>, paidMinor: number): Promise<RefundReservation> {
  const result = await client.query<{ reserved: boolean; left_minor: number | string }>('SELECT reserved, left_minor FROM reserve_refund($1::jsonb, $2)', [JSON.stringify(row), paidMinor]);
  const answer = result.rows[0];
  if (!answer) throw new Error('reserve_refund answered nothing');
  return { reserved: answer.reserved, leftMinor: Number(answer.left_minor) };
}
