import { describe, expect, it } from 'vitest';
import { insertLedgerRow } from '../../testkit/store-rows';
import { trustedStoreEachTest } from '../../testkit/store-trust';
import { markRecheckAnswered, pendingRecheckRequests, requestRecheck } from './settlements';

const trust = trustedStoreEachTest();

const request = (by: string) => ({ storeId: 's1', attemptId: 'a1', ownerStationId: 'pc1', requestedByStationId: by, claimedState: 'succeeded' as const, claimedPaymentId: 'P1' });

describe('re-check requests', () => {
  it('reach the owning PC as requests in the asking PC’s name, move nothing in the ledger, and are answered by the owner only', async () => {
    await insertLedgerRow(trust.owner, 'invoices', 's1', 'pc1');
    await insertLedgerRow(trust.owner, 'charge_attempts', 's1', 'pc1');
    const ledger = () => trust.owner.query("SELECT i.status, a.state, a.payment_id FROM invoices AS i JOIN charge_attempts AS a ON a.invoice_id = i.id AND a.station_id = i.station_id");
    const before = (await ledger()).rows;
    expect(await requestRecheck(trust.pc('pc2'), request('pc2'))).toBe(true);
    expect(await requestRecheck(trust.pc('pc3'), request('pc3'))).toBe(false);
    await expect(requestRecheck(trust.pc('pc2'), request('pc3')), 'a request in another PC’s name').rejects.toMatchObject({ code: '42501' });
    expect((await ledger()).rows).toEqual(before);
    expect(await pendingRecheckRequests(trust.pc('pc1'), 's1', 'pc1')).toEqual([
      { attemptId: 'a1', ownerStationId: 'pc1', requestedByStationId: 'pc2', requestedByName: 'Till pc2', claimedState: 'succeeded', claimedPaymentId: 'P1' },
    ]);
    await markRecheckAnswered(trust.pc('pc2'), 's1', 'pc1', 'a1');
    expect(await pendingRecheckRequests(trust.pc('pc1'), 's1', 'pc1'), 'answered by the asking PC: still pending').toHaveLength(1);
    await markRecheckAnswered(trust.pc('pc1'), 's1', 'pc1', 'a1');
    expect(await pendingRecheckRequests(trust.pc('pc1'), 's1', 'pc1')).toEqual([]);
  });
});
