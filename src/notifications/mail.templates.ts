import { isLang, translate, type Lang } from '../i18n/i18n.js';
import type { MailDraft } from './mail.repository.js';

/** The reader's language for mail: the comment's, else the thread's, else English. */
export function mailLangOf(commentLang: string | null, threadLang: string | null): Lang {
  if (isLang(commentLang)) return commentLang;
  return isLang(threadLang) ? threadLang : 'en';
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/gu, ' ').trim();
  return [...flat].length > 300 ? `${[...flat].slice(0, 300).join('')}…` : flat;
}

function withUnsubscribe(lang: Lang, text: string, link: string): { text: string; headers: Record<string, string> } {
  return {
    text: `${text}\n\n--\n${translate(lang, 'mail.unsubscribe', { link })}\n`,
    // RFC 2369 + RFC 8058: mail clients show an unsubscribe button that POSTs to the same URL.
    headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** What a reader mail is about. */
export interface ReaderMailContext {
  lang: Lang;
  to: string;
  name: string;
  title: string | null;
  url: string | null;
  body: string;
  unsubscribeLink: string;
}

/** "Your comment is published", to a reader who asked to be notified. */
export function approvedMail(ctx: ReaderMailContext): MailDraft {
  const title = ctx.title ?? translate(ctx.lang, 'mail.untitled');
  const text = translate(ctx.lang, 'mail.approved.body', { name: ctx.name, title, excerpt: excerpt(ctx.body), url: ctx.url ?? '' });
  return { kind: 'comment_approved', to: ctx.to, subject: translate(ctx.lang, 'mail.approved.subject', { title }), ...withUnsubscribe(ctx.lang, text, ctx.unsubscribeLink) };
}

/** "The editors picked your comment", to a reader who asked to be notified. */
export function featuredMail(ctx: ReaderMailContext): MailDraft {
  const title = ctx.title ?? translate(ctx.lang, 'mail.untitled');
  const text = translate(ctx.lang, 'mail.featured.body', { name: ctx.name, title, excerpt: excerpt(ctx.body), url: ctx.url ?? '' });
  return { kind: 'comment_featured', to: ctx.to, subject: translate(ctx.lang, 'mail.featured.subject', { title }), ...withUnsubscribe(ctx.lang, text, ctx.unsubscribeLink) };
}

/** "Someone replied to you", to the parent comment's author. */
export function replyMail(ctx: ReaderMailContext & { replier: string }): MailDraft {
  const title = ctx.title ?? translate(ctx.lang, 'mail.untitled');
  const text = translate(ctx.lang, 'mail.reply.body', { name: ctx.name, replier: ctx.replier, title, excerpt: excerpt(ctx.body), url: ctx.url ?? '' });
  return { kind: 'comment_reply', to: ctx.to, subject: translate(ctx.lang, 'mail.reply.subject', { title }), ...withUnsubscribe(ctx.lang, text, ctx.unsubscribeLink) };
}

/** The one-time confirmation link sent with an author's first comment: nothing in it was typed by the poster, who may not be the address's owner. */
export function confirmMail(ctx: { lang: Lang; to: string; link: string }): MailDraft {
  return {
    kind: 'confirm_email',
    to: ctx.to,
    subject: translate(ctx.lang, 'mail.confirm.subject'),
    text: translate(ctx.lang, 'mail.confirm.body', { link: ctx.link }),
  };
}

/** One digest of held and flagged comments for a moderator (moderators read English mail; the dashboard is bilingual). */
export function digestMail(
  to: string,
  moderatorId: number,
  items: Array<{ event: string; commentId: number; authorName: string; body: string; threadKey: string }>,
  adminUrl: string,
): MailDraft {
  const held = items.filter((item) => item.event === 'held').length;
  const flagged = items.length - held;
  const lines = items.map((item) => `- [${item.event}] #${item.commentId} on ${item.threadKey} by ${item.authorName}: ${excerpt(item.body).slice(0, 140)}`);
  return {
    kind: 'moderator_digest',
    to,
    moderatorId,
    subject: `[Majlis] ${held} held, ${flagged} flagged comment(s) to review`,
    text: `These comments wait for a moderator:\n\n${lines.join('\n')}\n\nOpen the queue: ${adminUrl}\n`,
  };
}
