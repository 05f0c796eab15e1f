// Bills kept at each counter (the one being built) and bills held under a label, in memory.
import type { HeldBill, KeptBill } from '../../../../contract/bills';
import type { KeptBillAnswer } from '../../../../contract/handlers';
import { ok } from '../../../../contract/result';
import { refuse, type FakeHandlers } from './handlers';
import type { FakeState } from './state';

export function keptBillHandlers(b: FakeState) {
  const requireCounter = (id: string) => b.counters.find((c) => c.id === id) ?? refuse('not_found', 'No such counter.', 'counterId');
  const heldAt = (counterId: string) => b.heldBills.filter((held) => held.counterId === counterId);
  const answer = (counterId: string, bill: KeptBill | null): KeptBillAnswer => ({
    bill,
    items: bill ? b.catalogue.filter((item) => bill.cart.lines.some((line) => line.itemId === item.id)) : [],
    held: heldAt(counterId).map(({ bill: _bill, ...held }) => held),
  });
  return {
    'bill-kept-get': ({ counterId }) => {
      requireCounter(counterId);
      return ok(answer(counterId, b.keptBills.get(counterId) ?? null));
    },
    'bill-keep': ({ counterId, bill }) => {
      requireCounter(counterId);
      b.keptBills.set(counterId, bill);
      return ok({ keptAt: b.now() });
    },
    'bill-hold': ({ counterId, label, totalMinor, bill }) => {
      requireCounter(counterId);
      const held: HeldBill & { bill: KeptBill } = { id: `held-${b.heldBills.length + 1}`, counterId, label, totalMinor, heldAt: b.now(), bill };
      b.heldBills.push(held);
      b.keptBills.delete(counterId);
      return ok({ held: answer(counterId, null).held });
    },
    'bill-recall': ({ counterId, heldId }) => {
      requireCounter(counterId);
      const held = heldAt(counterId).find((h) => h.id === heldId) ?? refuse('not_found', 'That bill is no longer held at this counter.', 'heldId');
      b.heldBills = b.heldBills.filter((h) => h !== held);
      b.keptBills.set(counterId, held.bill);
      return ok(answer(counterId, held.bill));
    },
  } satisfies Partial<FakeHandlers>;
}
