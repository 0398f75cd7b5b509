// localStorage can throw (disabled storage, sandboxed frames, full quota): the widget must carry on.

const DETAILS = 'majlis:details';
const KEY = 'majlis:commenterKey';

/** The details a reader asked us to remember. */
export interface SavedDetails {
  authorName: string;
  authorEmail: string;
  authorUrl: string;
}

/** A stored string, or null when absent or storage is unavailable. */
export function read(name: string): string | null {
  try {
    return window.localStorage.getItem(name);
  } catch {
    return null;
  }
}

/** Stores (or with null removes) a string; silently does nothing when storage is unavailable. */
export function write(name: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(name);
    else window.localStorage.setItem(name, value);
  } catch {
    // Nothing to do: the reader types their details again next time.
  }
}

/** The saved name, email and website, if the reader ticked the box last time. */
export function loadDetails(): SavedDetails | null {
  try {
    const parsed: unknown = JSON.parse(read(DETAILS) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const record = parsed as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return { authorName: text(record.authorName), authorEmail: text(record.authorEmail), authorUrl: text(record.authorUrl) };
  } catch {
    return null;
  }
}

/** Saves the details when the box is ticked and forgets them when it is not. */
export function saveDetails(details: SavedDetails | null): void {
  write(DETAILS, details ? JSON.stringify(details) : null);
}

/** The commenter key is not personal data (a signature, not the email), so it is always kept. */
export function loadCommenterKey(): string | undefined {
  return read(KEY) ?? undefined;
}

/** Keeps the commenter key from the last 201 answer. */
export function saveCommenterKey(key: string | undefined): void {
  write(KEY, key ?? null);
}
