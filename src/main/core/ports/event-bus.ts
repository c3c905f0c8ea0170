import type { EventName, EventPayload } from '../../../shared/contract';

/** Main → renderer notifications. `sessionId` targets one window; omitted means every window. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>, sessionId?: string): void;
}

export type EventListener = (event: EventName, payload: unknown, sessionId: string | undefined) => void;

/** In-process bus the hosts subscribe to and forward over IPC or WebSocket. */
export class LocalEventBus implements EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>, sessionId?: string): void {
    for (const listener of this.listeners) listener(event, payload, sessionId);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
