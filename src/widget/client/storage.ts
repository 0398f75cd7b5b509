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

const OWN = 'majlis:own';
const REPORTED = 'majlis:reported';
const MAX_OWN = 50;
const MAX_REPORTED = 500;

/** A comment this browser posted: its edit token, and the status its author last saw. */
export interface OwnEntry {
  id: number;
  thread: string;
  token: string;
  seen: string;
}

function readList<T>(name: string, keep: (value: unknown) => value is T): T[] {
  try {
    const parsed: unknown = JSON.parse(read(name) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(keep) : [];
  } catch {
    return [];
  }
}

function isOwnEntry(value: unknown): value is OwnEntry {
  const entry = value as OwnEntry | null;
  return typeof entry?.id === 'number' && typeof entry.thread === 'string' && typeof entry.token === 'string' && typeof entry.seen === 'string';
}

/** The comments this browser posted in one thread (newest last). */
export function loadOwn(thread: string): OwnEntry[] {
  return readList(OWN, isOwnEntry).filter((entry) => entry.thread === thread);
}

/** Adds, updates (same id) or, with `null`, forgets one of the reader's own comments. */
export function saveOwn(id: number, entry: OwnEntry | null): void {
  const others = readList(OWN, isOwnEntry).filter((e) => e.id !== id);
  write(OWN, JSON.stringify((entry ? [...others, entry] : others).slice(-MAX_OWN)));
}

/** True when this browser already reported the comment (the server counts one flag per reader too). */
export function wasReported(id: number): boolean {
  return readList(REPORTED, (v): v is number => typeof v === 'number').includes(id);
}

/** Remembers a report, so the button says "Reported" from now on. */
export function saveReported(id: number): void {
  write(REPORTED, JSON.stringify([...readList(REPORTED, (v): v is number => typeof v === 'number'), id].slice(-MAX_REPORTED)));
}
