import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { LiveBus } from './live-bus.js';
import { coalesceKey, mergeEvents, toEventStreamText, type LiveEvent } from './live-event.js';

/** One open event stream, as the hub sees it. */
export interface LiveClient {
  /** Writes text to the stream; false once its buffer is full. */
  write(text: string): boolean;
  /** Bytes written but not yet sent (a reader who stopped reading piles them up). */
  readonly buffered: number;
  end(): void;
  /** Ends the stream at once, unsent bytes and all (a reader who stopped reading would hold an ended one open). */
  drop(): void;
  /** The client's key (clientKey: a keyed hash of its address or IPv6 network), whose streams the hub counts. */
  readonly address: string;
}

/** Why the hub refused a reader (who polls instead). */
export type LiveRefusal = 'busy' | 'address_busy';

/** How the hub behaves; every figure comes from the configuration. */
export interface LiveHubOptions {
  /** Open streams this process serves at most; beyond it readers poll (ETag) instead. */
  maxClients: number;
  /** Open streams one address holds at most, so that one client cannot take every place. */
  maxClientsPerAddress: number;
  /** A thread's readers get at most one message per this many ms; events in between are merged. */
  coalesceMs: number;
  /** A comment line keeps idle connections (and the proxies on the way) from timing out. */
  heartbeatMs: number;
  /** A reader who piles up more than this many unsent bytes is cut off (it reconnects or polls). */
  maxBufferedBytes: number;
}

interface Channel {
  clients: Set<LiveClient>;
  pending: Map<string, LiveEvent>;
  timer: NodeJS.Timeout | null;
  lastFlush: number;
}

/**
 * The live updates of one process: a channel per thread with readers here, fed by the bus. A change
 * is published once (already rendered as public JSON), merged with the thread's other events for up
 * to `coalesceMs`, turned into text once and written to every reader: no reader causes a database
 * read, and a burst costs one write per reader per window.
 */
export class LiveHub {
  private readonly channels = new Map<string, Channel>();
  private clientCount = 0;
  private readonly streamsByAddress = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly bus: LiveBus,
    private readonly options: LiveHubOptions,
    private readonly logger: Logger,
  ) {
    this.heartbeat = setInterval(() => this.writeAll(': keep-alive\n\n'), options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Readers connected to this process now. */
  get connected(): number {
    return this.clientCount;
  }

  /** Announces a change to the thread's readers on every instance. */
  async publish(threadKey: string, event: LiveEvent): Promise<void> {
    try {
      await this.bus.publish(threadKey, event);
    } catch (error) {
      // The bus (Redis) failed or stalled: this process's own readers still hear the change, and readers on other
      // instances see it on their next poll or reconnect; the change itself stands. Should the bus deliver it late
      // after all, it is the same event again, which the widget shows once (it keys comments by id).
      this.logger.warn({ err: error, threadKey }, 'live update not published to other instances; sent to the readers here');
      this.receive(threadKey, event);
    }
  }

  /** Adds a reader of a thread; null, or why not when the process or the reader's address is at its cap (the reader polls instead). */
  attach(threadKey: string, client: LiveClient): LiveRefusal | null {
    if (this.clientCount >= this.options.maxClients) return 'busy';
    const fromAddress = this.streamsByAddress.get(client.address) ?? 0;
    if (fromAddress >= this.options.maxClientsPerAddress) return 'address_busy';
    let channel = this.channels.get(threadKey);
    if (!channel) {
      channel = { clients: new Set(), pending: new Map(), timer: null, lastFlush: 0 };
      this.channels.set(threadKey, channel);
      this.bus.subscribe(threadKey, (event) => this.receive(threadKey, event)).catch((error: unknown) => {
        this.logger.warn({ err: error, threadKey }, 'live channel not subscribed; its readers fall back to polling');
      });
    }
    channel.clients.add(client);
    this.clientCount += 1;
    this.streamsByAddress.set(client.address, fromAddress + 1);
    return null;
  }

  /** Removes a reader; the thread's channel closes with its last reader. */
  detach(threadKey: string, client: LiveClient): void {
    const channel = this.channels.get(threadKey);
    if (!channel?.clients.delete(client)) return;
    this.clientCount -= 1;
    const fromAddress = (this.streamsByAddress.get(client.address) ?? 1) - 1;
    if (fromAddress > 0) this.streamsByAddress.set(client.address, fromAddress);
    else this.streamsByAddress.delete(client.address);
    if (channel.clients.size > 0) return;
    if (channel.timer) clearTimeout(channel.timer);
    this.channels.delete(threadKey);
    this.bus.unsubscribe(threadKey).catch((error: unknown) => this.logger.warn({ err: error, threadKey }, 'live channel not unsubscribed'));
  }

  /** Ends every stream (shutdown): readers reconnect to another instance. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const channel of this.channels.values()) {
      if (channel.timer) clearTimeout(channel.timer);
      for (const client of channel.clients) client.end();
    }
    this.channels.clear();
    this.clientCount = 0;
    this.streamsByAddress.clear();
    await this.bus.close();
  }

  private receive(threadKey: string, event: LiveEvent): void {
    const channel = this.channels.get(threadKey);
    if (!channel) return;
    const key = coalesceKey(event);
    const older = channel.pending.get(key);
    const merged = older ? mergeEvents(older, event) : event;
    if (merged) channel.pending.set(key, merged);
    else channel.pending.delete(key);
    if (channel.timer) return;
    // The first event after a quiet window goes out at once; the rest wait for the window to end.
    const wait = Math.max(0, channel.lastFlush + this.options.coalesceMs - Date.now());
    channel.timer = setTimeout(() => this.flush(channel), wait);
  }

  private flush(channel: Channel): void {
    channel.timer = null;
    if (channel.pending.size === 0) return;
    channel.lastFlush = Date.now();
    const text = toEventStreamText(channel.pending.values());
    channel.pending.clear();
    this.writeTo(channel.clients, text);
  }

  private writeAll(text: string): void {
    for (const channel of this.channels.values()) this.writeTo(channel.clients, text);
  }

  private writeTo(clients: Set<LiveClient>, text: string): void {
    for (const client of clients) {
      if (client.buffered > this.options.maxBufferedBytes) client.drop();
      else client.write(text);
    }
  }
}

/** The hub with the limits of the configuration. */
export function createLiveHub(bus: LiveBus, config: Config, logger: Logger): LiveHub {
  return new LiveHub(
    bus,
    { maxClients: config.LIVE_MAX_CLIENTS, maxClientsPerAddress: config.LIVE_MAX_CLIENTS_PER_ADDRESS, coalesceMs: config.LIVE_COALESCE_MS, heartbeatMs: config.LIVE_HEARTBEAT_SECONDS * 1000, maxBufferedBytes: 1 << 20 },
    logger,
  );
}
