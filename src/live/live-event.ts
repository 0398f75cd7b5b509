import type { PublicComment } from '../threads/thread.schemas.js';

/** Kinds of comment events a thread's live stream carries (SPEC section 8). */
export type CommentEventType = 'comment.created' | 'comment.updated' | 'comment.removed';

/** One thing readers of an open thread should learn about; `data` is the public JSON sent as the event's data. */
export type LiveEvent =
  | { type: CommentEventType; data: PublicComment }
  | { type: 'reactions'; data: { id: number; reactions: number } };

/**
 * The key under which later events replace earlier ones in one coalesced message: the newest state
 * of a comment (or of its count) is all a reader needs.
 */
export function coalesceKey(event: LiveEvent): string {
  return event.type === 'reactions' ? `r${event.data.id}` : `c${event.data.id}`;
}

/**
 * Folds a newer event about the same comment into an older one still waiting: a comment created and
 * edited within one message is still new to readers, and one created and removed was never seen.
 */
export function mergeEvents(older: LiveEvent, newer: LiveEvent): LiveEvent | null {
  if (older.type === 'comment.created' && newer.type === 'comment.updated') return { type: 'comment.created', data: newer.data };
  if (older.type === 'comment.created' && newer.type === 'comment.removed') return null;
  return newer;
}

/** The Server-Sent Events text of a batch of events: written once, sent to every reader of the thread. */
export function toEventStreamText(events: Iterable<LiveEvent>): string {
  let text = '';
  // JSON.stringify never emits a raw newline, so each data payload is a single `data:` line.
  for (const event of events) text += `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
  return text;
}
