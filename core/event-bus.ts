import type { BillingEvent } from '../contract/events';

export class EventBus {
  private readonly listeners = new Set<(event: BillingEvent) => void>();

  subscribe(listener: (event: BillingEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: BillingEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('event listener failed', error);
      }
    }
  }
}
