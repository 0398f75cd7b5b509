import type { Redis } from 'ioredis';
import type { LiveBus } from '../live/live-bus.js';
import type { LiveEvent } from '../live/live-event.js';
import type { Logger } from '../logging/logger.js';

/**
 * Live events across instances over Redis pub/sub: one channel per thread, subscribed by an
 * instance only while it has readers of that thread, so a change reaches only the instances that
 * need it. Subscriptions use their own connection (a subscribed connection can do nothing else).
 */
export class RedisLiveBus implements LiveBus {
  private readonly listeners = new Map<string, (event: LiveEvent) => void>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    logger: Logger,
  ) {
    subscriber.on('message', (channel: string, message: string) => {
      const listener = this.listeners.get(channel);
      if (!listener) return;
      try {
        listener(JSON.parse(message) as LiveEvent);
      } catch (error) {
        logger.warn({ err: error, channel }, 'unreadable live event ignored');
      }
    });
  }

  private channelOf(threadKey: string): string {
    return `${this.prefix}live:${threadKey}`;
  }

  async publish(threadKey: string, event: LiveEvent): Promise<void> {
    await this.publisher.publish(this.channelOf(threadKey), JSON.stringify(event));
  }

  async subscribe(threadKey: string, onEvent: (event: LiveEvent) => void): Promise<void> {
    this.listeners.set(this.channelOf(threadKey), onEvent);
    await this.subscriber.subscribe(this.channelOf(threadKey));
  }

  async unsubscribe(threadKey: string): Promise<void> {
    this.listeners.delete(this.channelOf(threadKey));
    await this.subscriber.unsubscribe(this.channelOf(threadKey));
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
