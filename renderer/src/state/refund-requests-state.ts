// Refunds billing programs asked for through the integration API, waiting on this counter's screen
// for a manager. Approving or declining needs the manager's unlock (the backend checks the token).
import { create } from 'zustand';
import type { IntegrationRefundRequest } from '../../../contract/records';
import type { AppError } from '../../../contract/result';
import { call } from '../api/gateway';
import { useManagerStore } from './manager-state';

interface RefundRequestsState {
  counterId: string | null;
  requests: IntegrationRefundRequest[];
  /** The request whose decision is in flight. */
  deciding: string | null;
  errors: Record<string, AppError | undefined>;
  load: (counterId: string) => Promise<void>;
  reload: () => Promise<void>;
  decide: (request: IntegrationRefundRequest, decision: 'approve' | 'decline') => Promise<boolean>;
}

export const useRefundRequestsStore = create<RefundRequestsState>()((set, get) => ({
  counterId: null,
  requests: [],
  deciding: null,
  errors: {},

  async load(counterId) {
    set({ counterId, ...(get().counterId === counterId ? {} : { requests: [], errors: {} }) });
    const listed = await call((api) => api.refundRequestsWaiting({ counterId }));
    if (listed.ok && get().counterId === counterId) set({ requests: listed.value });
  },

  async reload() {
    const counterId = get().counterId;
    if (counterId) await get().load(counterId);
  },

  async decide(request, decision) {
    const managerToken = useManagerStore.getState().token;
    if (!managerToken || get().deciding) return false;
    set({ deciding: request.id, errors: { ...get().errors, [request.id]: undefined } });
    const decided = await call((api) => api.refundRequestDecide({ managerToken, requestId: request.id, decision }));
    set({ deciding: null });
    if (!decided.ok) {
      if (decided.error.code === 'locked') await useManagerStore.getState().lock('The manager unlock has expired. Enter the PIN again.');
      else set({ errors: { ...get().errors, [request.id]: decided.error } });
      await get().reload();
      return false;
    }
    set({ requests: get().requests.filter((r) => r.id !== request.id) });
    return true;
  },
}));
