import type { CommentDraft, PostResult, PublicComment, ThreadPage } from './api.js';
import type { Lang } from './i18n.js';

/** The parts of one rendered comment a plugin may add to: badges go in `head`, buttons in `actions`. */
export interface RenderedComment {
  comment: PublicComment;
  item: HTMLLIElement;
  head: HTMLElement;
  body: HTMLElement;
  actions: HTMLElement;
}

/** A notice's tone: success, waiting, problem. */
export type Tone = 'ok' | 'wt' | 'bad';

/** What a thread offers its plugins. */
export interface ThreadScope {
  readonly base: string;
  readonly key: string;
  /** The element the thread is mounted in: the site's options are its `data-majlis-*` attributes. */
  readonly host: HTMLElement;
  readonly lang: Lang;
  /** The Intl locale (regional tag and digits kept). */
  readonly locale: string;
  /** Shows a message in the live region (announced), and moves focus to it when asked. */
  notify(tone: Tone, message: string, focus?: boolean): void;
  /** Adds a comment to the thread (under its parent); `counted` says whether the heading's count grows. */
  insert(comment: PublicComment, counted: boolean): void;
  /** Draws a comment again in place (after an edit, a status change). */
  redraw(comment: PublicComment): void;
  /**
   * Takes a comment out of the thread; `counted` says whether it counted in the heading. Its replies stay under a
   * placeholder (a deleted comment), or go with it when `withReplies` (a comment readers no longer see).
   */
  remove(id: number, counted: boolean, withReplies?: boolean): void;
  /** Shows a node above the comments until the next first page is drawn (editors' picks, a "new comments" button). */
  lead(node: Node): void;
}

/**
 * One feature of the widget beyond reading and posting: reporting, own-comment edits, reactions,
 * sign-in, a proof of work. Each is a module that calls `registerPlugin` once; main.ts imports it.
 */
export interface WidgetPlugin {
  /** Adds badges and actions to each comment as it is drawn. */
  decorate?(rendered: RenderedComment, scope: ThreadScope): void;
  /** Extra controls for the form, placed just above its submit button. */
  formFields?(scope: ThreadScope): Node | null;
  /** Runs before a comment is posted; may add fields to the draft, or return false to stop the post. */
  beforeSubmit?(draft: CommentDraft, scope: ThreadScope): Promise<boolean | void> | boolean | void;
  /** Runs when a post was not stored; may answer what the API asked for (a proof of work) and return the draft to send again. */
  retry?(result: PostResult, draft: CommentDraft, scope: ThreadScope): Promise<CommentDraft | null> | CommentDraft | null;
  /** Runs after a post was stored, with the API's answer. */
  afterPost?(answer: { status: string; comment: PublicComment; editToken?: string }, scope: ThreadScope): void;
  /** Runs each time the first page is shown (on load, on a new order), with that page; may fetch more and decorate. */
  afterLoad?(scope: ThreadScope, page: ThreadPage): Promise<void> | void;
}

const plugins: WidgetPlugin[] = [];

/** Adds a feature to every thread mounted from now on. */
export function registerPlugin(plugin: WidgetPlugin): void {
  plugins.push(plugin);
}

/** The registered plugins, in registration order. */
export function widgetPlugins(): readonly WidgetPlugin[] {
  return plugins;
}
