// Bills that survive: the bill being built at a counter is kept on this PC as the cashier types, and
// bills are held under a label and recalled. The answer names the catalogue items the kept cart
// holds (an item since removed from the catalogue is left out: the bill comes back without it), each
// line by the item's id now (one the store's item replaced at the join leads to that item).
import type { KeptBill } from '../../contract/bills';
import type { CatalogueItem } from '../../contract/catalogue/records';
import type { KeptBillAnswer } from '../../contract/handlers';
import * as bills from '../../db/local/bills';
import * as catalogue from '../../db/local/catalogue';
import * as counters from '../../db/local/counters';
import { HandlerFailure } from '../failure';
import type { DataContext, Handlers } from '../handlers/types';

type KeptBillCall = 'bill-kept-get' | 'bill-keep' | 'bill-hold' | 'bill-recall';

export function keptBillHandlers(ctx: DataContext): Handlers<KeptBillCall> {
  const answer = (counterId: string, kept: KeptBill | null): KeptBillAnswer => {
    const bill = kept ? withCurrentItems(ctx, kept) : null;
    return { bill, items: bill ? itemsOf(ctx, bill) : [], held: bills.heldBills(ctx.db, counterId) };
  };
  return {
    'bill-kept-get': ({ counterId }) => {
      counters.requireCounter(ctx.db, counterId);
      return answer(counterId, bills.keptBillOf(ctx.db, counterId));
    },
    'bill-keep': ({ counterId, bill }) => {
      counters.requireCounter(ctx.db, counterId);
      const keptAt = ctx.now();
      bills.keepBill(ctx.db, counterId, bill, keptAt);
      return { keptAt };
    },
    'bill-hold': ({ counterId, ...held }) => {
      counters.requireCounter(ctx.db, counterId);
      bills.holdBill(ctx.db, { counterId, ...held }, ctx.now());
      return { held: bills.heldBills(ctx.db, counterId) };
    },
    'bill-recall': ({ counterId, heldId }) => {
      counters.requireCounter(ctx.db, counterId);
      const bill = bills.recallBill(ctx.db, counterId, heldId, ctx.now());
      if (!bill) throw new HandlerFailure('not_found', 'That bill is no longer held at this counter.', 'heldId');
      return answer(counterId, bill);
    },
  };
}

/** The bill with each catalogue line naming its item's id now. */
function withCurrentItems(ctx: DataContext, bill: KeptBill): KeptBill {
  const lines = bill.cart.lines.map((line) => (line.itemId === undefined ? line : { ...line, itemId: catalogue.getItem(ctx.db, line.itemId)?.id ?? line.itemId }));
  return { ...bill, cart: { ...bill.cart, lines } };
}

function itemsOf(ctx: DataContext, bill: KeptBill): CatalogueItem[] {
  const ids = [...new Set(bill.cart.lines.flatMap((line) => (line.itemId === undefined ? [] : [line.itemId])))];
  return ids.map((id) => catalogue.getItem(ctx.db, id)).filter((item): item is CatalogueItem => item !== null);
}
