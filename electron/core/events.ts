/** The typed event bus the core publishes on and every shell subscribes to. */
import { EventEmitter } from 'node:events';
import type { EventName, Events } from '../contract.js';

export interface EventBus {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  // Every SSE client and IPC window adds a listener; the default cap of 10 is a false alarm.
  emitter.setMaxListeners(0);
  return {
    emit(event, payload) {
      emitter.emit(event, payload);
    },
    on(event, listener) {
      // A listener that throws must not break the emitter (and with it the job that emitted).
      const wrapped = (payload: Parameters<typeof listener>[0]) => {
        try {
          listener(payload);
        } catch (error) {
          console.error(`Listener of ${event} failed:`, error);
        }
      };
      emitter.on(event, wrapped);
      return () => {
        emitter.off(event, wrapped);
      };
    },
  };
}
