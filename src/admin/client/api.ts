import type { z } from 'zod';
import type { BacktestReport, policyStatusSchema, QUEUE_ORDERS, QueueItem } from '../../moderation/moderation.schemas.js';
import type { accountViewSchema } from '../../accounts/account.schemas.js';
import type { campaignSchema } from '../../bots/campaign.schemas.js';
import type { modelStatusSchema } from '../../learning/learning.schemas.js';
import type { moderatorViewSchema } from '../../moderators/moderator.schemas.js';
import type { decisionLog } from '../../moderation/moderation.service.js';
import type { Policy } from '../../settings/policy.js';
import { lang, type Lang } from './i18n.js';
import { clearSession, readSession, type Session } from './session.js';

// The shapes come from the server's own response schemas (type-only imports, erased by esbuild), so a
// change to the API shows up here as a compile error rather than a blank dashboard.
export type { BacktestReport, Policy, QueueItem };

/** How the queue can be ordered. */
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

/** What the classifier may vote on, and what there is to learn from. */
export type ModelStatus = z.infer<typeof modelStatusSchema>;

/** One entry of the decision log. */
export type LogEntry = Awaited<ReturnType<typeof decisionLog>>['items'][number];
/** A near-duplicate campaign across threads. */
export type Campaign = z.infer<typeof campaignSchema>;

/** A signed-in account with its comments across threads. */
export type AccountView = z.infer<typeof accountViewSchema>;

/** A moderator account as admins see it. */
export type ModeratorAccount = z.infer<typeof moderatorViewSchema>;
export type ModeratorRole = ModeratorAccount['role'];
/** A queue name, which is also a comment status. */
export type Status = QueueItem['status'];
/** What a moderator can do to a comment. */
export type Action = 'approve' | 'reject' | 'spam' | 'pending';
/** The status each action leads to. */
export const ACTION_STATUS: Record<Action, Status> = { approve: 'approved', reject: 'rejected', spam: 'spam', pending: 'pending' };

/** An answer that was not 2xx, with the problem document when there was one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { detail?: string; errors?: Array<{ field: string; message: string }> } | null,
    readonly retryAfterSeconds: number | null,
  ) {
    super(`HTTP ${status}`);
  }
}

/** The session was refused: the app has already gone back to the login form. */
export class SessionEnded extends Error {}

let onSessionEnded: () => void = () => {};

/** What to do when the API answers 401 to a signed-in request. */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

async function call<T>(method: string, path: string, body?: unknown, session: Session | null = readSession()): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session) headers.Authorization = `Bearer ${session.token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
  if (response.status === 401 && session) {
    clearSession();
    onSessionEnded();
    throw new SessionEnded();
  }
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const retry = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, typeof data === 'object' && data !== null ? (data as ApiError['problem']) : null, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return data as T;
}

const enc = encodeURIComponent;

/** The moderator API of SPEC section 4, one function per route the dashboard uses. */
export const api = {
  login: (email: string, password: string) => call<Session>('POST', '/api/v1/auth/login', { email, password }, null),
  logout: () => call<null>('POST', '/api/v1/auth/logout'),
  /** The language of this moderator's mail: the dashboard's. */
  setMailLanguage: (chosen: Lang) => call<{ moderator: Session['moderator'] }>('PATCH', '/api/v1/auth/me', { lang: chosen }),
  changeOwnPassword: (currentPassword: string, password: string) => call<{ moderator: Session['moderator'] }>('PATCH', '/api/v1/auth/me', { currentPassword, password }),
  setupStatus: () => call<{ needed: boolean }>('GET', '/api/v1/setup', undefined, null),
  createFirstAdmin: (token: string, email: string, password: string) => call<Session>('POST', '/api/v1/setup/admin', { token, email, password }, null),
  counts: () => call<{ counts: Record<Status, number> }>('GET', '/api/v1/moderation/counts'),
  queue: (filter: { status: Status; q?: string; threadKey?: string; sort?: QueueOrder; cursor?: string | null; limit?: number }) => {
    const params = new URLSearchParams({ status: filter.status, limit: String(filter.limit ?? 25), sort: filter.sort ?? 'newest' });
    if (filter.q) params.set('q', filter.q);
    if (filter.threadKey) params.set('threadKey', filter.threadKey);
    if (filter.cursor) params.set('cursor', filter.cursor);
    return call<{ items: QueueItem[]; nextCursor: string | null }>('GET', `/api/v1/moderation/comments?${params}`);
  },
  item: (id: number) => call<QueueItem>('GET', `/api/v1/moderation/comments/${id}`),
  decide: (id: number, action: Action, expectedStatus: Status) =>
    call<QueueItem>('POST', `/api/v1/moderation/comments/${id}/decision`, { action, expectedStatus }),
  reply: (id: number, body: string, authorName: string) => call<QueueItem>('POST', `/api/v1/moderation/comments/${id}/reply`, { body, authorName, lang: lang() }),
  decideMany: (ids: number[], action: Action, expectedStatus?: Status) =>
    call<{ updated: number; batchId: string; skipped: number[]; missing: number[] }>('POST', '/api/v1/moderation/decisions', { ids, action, ...(expectedStatus ? { expectedStatus } : {}) }),
  undo: (batchId: string) => call<{ restored: number; skipped: number[] }>('POST', `/api/v1/moderation/decisions/${enc(batchId)}/undo`),
  campaigns: () => call<{ items: Campaign[]; nextCursor: string | null }>('GET', '/api/v1/moderation/campaigns?limit=20'),
  log: (cursor: string | null) => call<{ items: LogEntry[]; nextCursor: string | null }>('GET', `/api/v1/moderation/log?limit=50${cursor ? `&cursor=${enc(cursor)}` : ''}`),
  settings: () => call<Policy>('GET', '/api/v1/moderation/settings'),
  saveSettings: (policy: Policy) => call<Policy>('PUT', '/api/v1/moderation/settings', policy),
  preview: (policy: Policy, days: number, targetFalseHoldRate: number) => call<BacktestReport>('POST', '/api/v1/moderation/settings/preview', { policy, days, targetFalseHoldRate }),
  policyStatus: () => call<z.infer<typeof policyStatusSchema>>('GET', '/api/v1/moderation/settings/status'),
  modelStatus: () => call<ModelStatus>('GET', '/api/v1/moderation/model/status'),
  train: () => call<{ model: NonNullable<ModelStatus['model']> }>('POST', '/api/v1/moderation/model/train'),
  setAuthor: (email: string, status: 'trusted' | 'normal' | 'banned') =>
    call<{ author: { email: string; status: string } }>('PUT', `/api/v1/moderation/authors/${enc(email)}`, { status }),
  account: (id: number) => call<AccountView>('GET', `/api/v1/moderation/accounts/${id}?limit=50`),
  setAccount: (id: number, status: 'trusted' | 'normal' | 'banned') => call<{ account: AccountView['account'] }>('PUT', `/api/v1/moderation/accounts/${id}`, { status }),
  moderators: () => call<{ items: ModeratorAccount[] }>('GET', '/api/v1/moderation/moderators'),
  addModerator: (email: string, password: string, role: ModeratorRole) => call<{ moderator: ModeratorAccount }>('POST', '/api/v1/moderation/moderators', { email, password, role }),
  changeModerator: (id: number, change: { role?: ModeratorRole; password?: string; disabled?: boolean }) =>
    call<{ moderator: ModeratorAccount }>('PATCH', `/api/v1/moderation/moderators/${id}`, change),
  setThread: (key: string, change: { closed?: boolean; title?: string; url?: string }) =>
    call<{ thread: { key: string; closed: boolean } }>('PATCH', `/api/v1/moderation/threads/${enc(key)}`, change),
};
