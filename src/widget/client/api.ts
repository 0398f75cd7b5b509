import type { PublicComment, ThreadPage } from '../../threads/thread.schemas.js';
import type { Lang } from './i18n.js';

export type { PublicComment, ThreadPage };

/** One field problem of a problem+json answer. */
export interface FieldError {
  field: string;
  message: string;
}

/** What posting a comment came to: stored (with its status), refused by the server, or not sent at all. */
export type PostResult =
  | { kind: 'created'; status: 'approved' | 'pending' | 'rejected'; message: string; comment: PublicComment; editToken?: string; commenterKey?: string }
  /** `challenge`: a 428 asking for a solved proof of work first (./challenge.ts). */
  | { kind: 'problem'; detail: string; errors: FieldError[]; challenge?: unknown }
  | { kind: 'network' };

/** The fields the widget sends; empty optional fields are left out. */
export interface CommentDraft {
  body: string;
  /** Left out when signed in: the account supplies the name (sign-in.ts). */
  authorName?: string;
  authorEmail?: string;
  authorUrl?: string;
  parentId?: number;
  threadUrl?: string;
  threadTitle?: string;
  commenterKey?: string;
  notify?: boolean;
  lang: Lang;
  challengeSolution?: string;
  formTicket?: string;
  homepage?: string;
}

/** The order of top-level comments. */
export type SortOrder = 'oldest' | 'newest' | 'best';

/** The author's view of their own comment (GET/PATCH /comments/{id} with the edit token). */
export interface OwnComment {
  comment: PublicComment;
  status: 'approved' | 'pending' | 'rejected';
  editableUntil: string;
  message: string;
}

/** An answer of the API: its status and JSON body, or `null` when nothing came back. */
export type Answer = { status: number; data: Record<string, unknown> } | null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The signed-in reader's token, in memory only: sign-in.ts (in embed-extras.js) sets it and `refused`,
 * which signs the widget out when the server refuses the token (401).
 */
export const session: Session = {};

/** Who is signed in, shared by both bundles: the main one sends the token, the extras manage it. */
export interface Session {
  token?: string | null;
  refused?(): void;
}

/** Sends JSON (or nothing) with the reader's sign-in token, if any, as `Authorization: Bearer`. */
async function send(url: URL, method: string, body?: object, headers?: Record<string, string>): Promise<Response> {
  const token = session.token;
  const response = await fetch(url.toString(), {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'omit',
  });
  // On public paths only a sign-in token earns a 401 (sso_token_invalid).
  if (token && token === session.token && response.status === 401) session.refused?.();
  return response;
}

/** Reads one page of a thread's approved comments. */
export async function fetchThread(base: string, key: string, cursor: string | null, lang: Lang, sort: SortOrder = 'oldest'): Promise<ThreadPage> {
  const url = new URL(`/api/v1/threads/${encodeURIComponent(key)}/comments`, base);
  url.searchParams.set('lang', lang);
  if (sort !== 'oldest') url.searchParams.set('sort', sort);
  if (cursor) url.searchParams.set('cursor', cursor);
  const response = await fetch(url.toString(), { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok) throw new Error(`thread ${response.status}`);
  return (await response.json()) as ThreadPage;
}

/** Reads the next replies of a long conversation (flat, in order, each with its `parentId`) after a cursor. */
export async function fetchReplies(base: string, key: string, id: number, cursor: string, lang: Lang): Promise<{ replies: PublicComment[]; nextCursor: string | null }> {
  const url = new URL(`/api/v1/threads/${encodeURIComponent(key)}/comments/${id}/replies`, base);
  url.searchParams.set('lang', lang);
  url.searchParams.set('cursor', cursor);
  const response = await fetch(url.toString(), { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok) throw new Error(`replies ${response.status}`);
  return (await response.json()) as { replies: PublicComment[]; nextCursor: string | null };
}

/** Posts a comment and sorts the answer into created, problem or network failure. */
export async function postComment(base: string, key: string, draft: CommentDraft): Promise<PostResult> {
  let response: Response;
  try {
    response = await send(new URL(`/api/v1/threads/${encodeURIComponent(key)}/comments`, base), 'POST', draft);
  } catch {
    return { kind: 'network' };
  }
  const data: unknown = await response.json().catch(() => null);
  if (!isRecord(data)) return { kind: 'network' };
  if (response.status === 201 && isRecord(data.comment)) {
    return {
      kind: 'created',
      status: data.status as 'approved' | 'pending' | 'rejected',
      message: String(data.message ?? ''),
      comment: data.comment as unknown as PublicComment,
      ...(typeof data.commenterKey === 'string' ? { commenterKey: data.commenterKey } : {}),
      ...(typeof data.editToken === 'string' ? { editToken: data.editToken } : {}),
    };
  }
  const errors = Array.isArray(data.errors)
    ? data.errors.filter(isRecord).map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
    : [];
  const challenge = response.status === 428 && isRecord(data.challenge) ? { challenge: data.challenge } : {};
  return { kind: 'problem', detail: String(data.detail ?? data.title ?? ''), errors, ...challenge };
}

/** Reads the approved counts of many threads in one request. */
export async function fetchCounts(base: string, keys: readonly string[]): Promise<Record<string, number>> {
  const url = new URL('/api/v1/counts', base);
  url.searchParams.set('threads', keys.join(','));
  const response = await fetch(url.toString(), { headers: { Accept: 'application/json' }, credentials: 'omit' });
  if (!response.ok) throw new Error(`counts ${response.status}`);
  const data = (await response.json()) as { counts?: Record<string, number> };
  return data.counts ?? {};
}

/** Calls the API with JSON (or nothing) and reads the JSON answer; network failures come back as `null`. */
export async function callApi(base: string, path: string, method: string, lang: Lang, body?: object, token?: string): Promise<Answer> {
  try {
    const url = new URL(path, base);
    url.searchParams.set('lang', lang);
    const response = await send(url, method, body, token ? { 'X-Edit-Token': token } : {});
    const data: unknown = response.status === 204 ? {} : await response.json().catch(() => ({}));
    return { status: response.status, data: isRecord(data) ? data : {} };
  } catch {
    return null;
  }
}

/** The words to show for a failed call: the problem's detail, or the network message. */
export function problemText(answer: Answer, fallback: string): string {
  const detail = answer?.data.errors ?? answer?.data.detail;
  if (Array.isArray(detail)) return detail.filter(isRecord).map((e) => String(e.message ?? '')).join(' ');
  return typeof detail === 'string' ? detail : fallback;
}
