import type { LiveEvent } from './live-event.js';

/**
 * Carries a thread's live events to every instance: the instance that made a change publishes
 * once; each instance with readers of that thread subscribes to it (one channel per thread).
 */
export interface LiveBus {
  publish(threadKey: string, event: LiveEvent): Promise<void>;
  /** Starts delivering the thread's events to `onEvent` (one listener per thread per process). */
  subscribe(threadKey: string, onEvent: (event: LiveEvent) => void): Promise<void>;
  unsubscribe(threadKey: string): Promise<void>;
  close(): Promise<void>;
}

/** The bus of a single instance (no REDIS_URL): events go straight to this process's listeners. */
export class MemoryLiveBus implements LiveBus {
  private readonly listeners = new Map<string, (event: LiveEvent) => void>();

  async publish(threadKey: string, event: LiveEvent): Promise<void> {
    this.listeners.get(threadKey)?.(event);
  }

  async subscribe(threadKey: string, onEvent: (event: LiveEvent) => void): Promise<void> {
    this.listeners.set(threadKey, onEvent);
  }

  async unsubscribe(threadKey: string): Promise<void> {
    this.listeners.delete(threadKey);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
