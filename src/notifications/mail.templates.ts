import { isLang, langOrEnglish, translate, type Lang } from '../i18n/i18n.js';
import { cutToCharacters } from '../shared/text-checks.js';
import type { MailDraft } from './mail.repository.js';

/** The reader's language for mail: the comment's, else the thread's, else English. */
export function mailLangOf(commentLang: string | null, threadLang: string | null): Lang {
  return isLang(commentLang) ? commentLang : langOrEnglish(threadLang);
}

/** The text on one line, cut after `length` characters (code points: never half an emoji, which no database stores). */
function excerpt(body: string, length = 300): string {
  const line = body.replace(/\s+/gu, ' ').trim();
  const cut = cutToCharacters(line, length);
  return cut === line ? line : `${cut}…`;
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
  url: string;
  body: string;
  unsubscribeLink: string;
}

/** "Your comment is published", to a reader who asked to be notified. */
export function approvedMail(ctx: ReaderMailContext): MailDraft {
  const title = ctx.title ?? translate(ctx.lang, 'mail.untitled');
  const text = translate(ctx.lang, 'mail.approved.body', { name: ctx.name, title, excerpt: excerpt(ctx.body), url: ctx.url });
  return { kind: 'comment_approved', to: ctx.to, subject: translate(ctx.lang, 'mail.approved.subject', { title }), ...withUnsubscribe(ctx.lang, text, ctx.unsubscribeLink) };
}

/** "The editors picked your comment", to a reader who asked to be notified. */
export function featuredMail(ctx: ReaderMailContext): MailDraft {
  const title = ctx.title ?? translate(ctx.lang, 'mail.untitled');
  const text = translate(ctx.lang, 'mail.featured.body', { name: ctx.name, title, excerpt: excerpt(ctx.body), url: ctx.url });
  return { kind: 'comment_featured', to: ctx.to, subject: translate(ctx.lang, 'mail.featured.subject', { title }), ...withUnsubscribe(ctx.lang, text, ctx.unsubscribeLink) };
}

/** "Someone replied to you", to the parent comment's author. */
export function replyMail(ctx: ReaderMailContext & { replier: string }): MailDraft {
  const title = ctx.title ?? translate(ctx.lang, 'mail.untitled');
  const text = translate(ctx.lang, 'mail.reply.body', { name: ctx.name, replier: ctx.replier, title, excerpt: excerpt(ctx.body), url: ctx.url });
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

/** The moderator a digest goes to: their address and the language they chose in the dashboard. */
export interface DigestRecipient {
  id: number;
  email: string;
  lang: Lang;
}

/** One digest of held and flagged comments for a moderator, in their language, with a link to the dashboard in it. */
export function digestMail(
  moderator: DigestRecipient,
  items: Array<{ event: string; commentId: number; authorName: string; body: string; threadKey: string }>,
  adminUrl: string,
): MailDraft {
  const { lang } = moderator;
  const held = items.filter((item) => item.event === 'held').length;
  const flagged = items.length - held;
  const lines = items.map((item) =>
    translate(lang, 'mail.digest.line', {
      event: translate(lang, item.event === 'held' ? 'mail.digest.held' : 'mail.digest.flagged'),
      id: item.commentId,
      thread: item.threadKey,
      name: item.authorName,
      excerpt: excerpt(item.body, 140),
    }),
  );
  const url = new URL(adminUrl);
  url.searchParams.set('lang', lang);
  return {
    kind: 'moderator_digest',
    to: moderator.email,
    moderatorId: moderator.id,
    subject: translate(lang, 'mail.digest.subject', { held, flagged }),
    text: translate(lang, 'mail.digest.body', { lines: lines.join('\n'), url: url.href }),
  };
}
