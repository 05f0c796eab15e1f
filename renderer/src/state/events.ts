// One subscription to the backend's events, fanned out to the zustand stores.
import type { BillingEvent } from '../../../contract/events';
import { onTransportChange } from '../api';
import { billing } from '../api/gateway';
import { useAppStore } from './app-state';
import { useCartStore } from './cart-state';
import { useCashierStore } from './cashier-state';
import { useCheckoutStore } from './checkout-state';
import { reloadDashboardSoon, useDashboardStore } from './dashboard-state';
import { reloadLogSoon, useLogStore } from './log-state';
import { useRefundRequestsStore } from './refund-requests-state';

export function dispatchEvent(event: BillingEvent): void {
  switch (event.type) {
    case 'charge-updated':
      useCheckoutStore.getState().applyAttempt(event.attempt, event.invoice);
      useDashboardStore.getState().applyAttempt(event.attempt, event.invoice);
      useLogStore.getState().applyAttempt(event.attempt);
      break;
    case 'refund-updated':
      useLogStore.getState().applyRefund(event.refund);
      break;
    case 'refund-requests-changed':
      void useRefundRequestsStore.getState().reload();
      break;
    case 'ledger-changed':
      useLogStore.getState().ledgerChanged();
      reloadDashboardSoon();
      break;
    case 'connection-changed':
      useAppStore.getState().setConnection(event.connection);
      break;
    case 'counters-changed':
      void useAppStore.getState().refreshCounters();
      // A store's configuration moved on: its cashiers may have changed at another PC.
      if (useCashierStore.getState().roster) void useCashierStore.getState().load(useCashierStore.getState().counterId);
      // …and its tax settings: the bill on screen is worked out with the ones the checkout will use.
      if (useCartStore.getState().tax) void useCartStore.getState().loadTax();
      reloadDashboardSoon();
      break;
    case 'store-changed':
      useAppStore.getState().setStore(event.store);
      break;
    case 'store-ledger-changed':
      // Another PC's payments reached the store: the store-wide log and the counters' payments are out of date.
      reloadLogSoon();
      reloadDashboardSoon();
      break;
    case 'app-changed':
      useAppStore.getState().setAppInfo(event.app);
      // Demo and live keep separate data: everything on screen is stale.
      void useAppStore.getState().refreshCounters();
      void useAppStore.getState().refreshConnection();
      reloadDashboardSoon();
      {
        const counterId = useCheckoutStore.getState().counterId;
        if (counterId) void useCheckoutStore.getState().load(counterId);
      }
      break;
  }
}

/** Everything on screen, fetched again (after events may have been missed). */
export function refreshEverything(): void {
  void useAppStore.getState().init();
  reloadDashboardSoon();
  reloadLogSoon();
  const checkout = useCheckoutStore.getState();
  // Not while a call is in flight: its answer will bring the sale up to date.
  if (checkout.counterId && checkout.busy === null) void checkout.load(checkout.counterId);
}

/** Subscribes once; returns the unsubscribe function. */
export function startEvents(): () => void {
  let stopEvents: () => void = () => undefined;
  try {
    stopEvents = billing().onEvent(dispatchEvent);
  } catch (error) {
    console.error('could not subscribe to backend events', error);
  }
  let wasLost = false;
  const stopTransport = onTransportChange((state) => {
    useAppStore.getState().setTransport(state);
    if (state === 'lost') wasLost = true;
    if (state === 'connected' && wasLost) {
      wasLost = false;
      refreshEverything();
    }
  });
  return () => {
    stopEvents();
    stopTransport();
  };
}
