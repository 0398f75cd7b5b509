// The reaction button ("Respect" / «أحترم», or the site's own label): one per reader per comment.
import type { PublicComment } from './api.js';
import { h } from './dom.js';
import { t, type Lang } from './i18n.js';
import { loadCommenterKey, loadDetails, read, write } from './storage.js';

const READER_ID = 'majlis:readerId';
const REACTED = 'majlis:reacted';

/** This browser's random id (kept, so a reader counts once); see src/reactions/reader-identity.ts. */
function readerId(): string {
  const stored = read(READER_ID);
  if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const fresh = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  write(READER_ID, fresh);
  return fresh;
}

/** The comments this browser reacted to, so the button shows its state after a reload. */
function reactedIds(): Set<string> {
  return new Set((read(REACTED) ?? '').split(',').filter(Boolean));
}

function remember(key: string, reacted: boolean): void {
  const ids = reactedIds();
  if (reacted) ids.add(key);
  else ids.delete(key);
  write(REACTED, [...ids].slice(-500).join(','));
}

/** What a reaction button needs from the thread. */
export interface ReactionContext {
  base: string;
  lang: Lang;
  /** The label the site set (data-majlis-reaction-label), else the catalogue's. */
  reactionLabel?: string;
}

function labelOf(context: ReactionContext): string {
  return context.reactionLabel?.trim().slice(0, 40) || t(context.lang, 'widget.react');
}

function show(button: HTMLButtonElement, context: ReactionContext, count: number, reacted?: boolean): void {
  const label = labelOf(context);
  button.dataset.count = String(count);
  button.textContent = t(context.lang, 'widget.reactLabel', { label, count: new Intl.NumberFormat(context.lang).format(count) });
  if (reacted !== undefined) button.setAttribute('aria-pressed', String(reacted));
}

/** A toggle button with the comment's count; pressing it reacts or takes the reaction back. */
export function reactionButton(comment: PublicComment, context: ReactionContext): HTMLButtonElement {
  const key = `${new URL(context.base).host}|${comment.id}`;
  const button = h('button', { type: 'button', class: 'rx', 'data-reactions-for': String(comment.id) });
  show(button, context, comment.reactions, reactedIds().has(key));
  button.addEventListener('click', () => {
    const react = button.getAttribute('aria-pressed') !== 'true';
    const email = loadDetails()?.authorEmail;
    const commenterKey = loadCommenterKey();
    button.disabled = true;
    fetch(new URL(`/api/v1/comments/${comment.id}/reactions`, context.base).toString(), {
      method: react ? 'POST' : 'DELETE',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ readerId: readerId(), ...(commenterKey && email ? { commenterKey, authorEmail: email } : {}) }),
      credentials: 'omit',
    })
      .then(async (response) => {
        if (!response.ok) return;
        const result = (await response.json()) as { reactions: number; reacted: boolean };
        remember(key, result.reacted);
        show(button, context, result.reactions, result.reacted);
      })
      .catch(() => undefined)
      .finally(() => {
        button.disabled = false;
      });
  });
  return button;
}

/** Shows a new count on every button of a comment (a live `reactions` event); the text around it does not move. */
export function showReactionCount(root: ParentNode, context: ReactionContext, id: number, count: number): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>(`button[data-reactions-for="${id}"]`)) show(button, context, count);
}

/** The badge of an editors' pick. */
export function pickBadge(lang: Lang): HTMLElement {
  return h('span', { class: 'pk' }, t(lang, 'widget.pick'));
}
