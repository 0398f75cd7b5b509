import { ACTION_STATUS, ApiError, api, type Action, type QueueItem, type QueueOrder, type Status } from './api.js';
import { button, h, replace, uid } from './dom.js';
import { report } from './errors.js';
import { openHelp } from './help.js';
import { num, plural, t } from './i18n.js';
import { ACTIONS, renderItem } from './item.js';
import type { ShortcutTarget } from './keyboard.js';
import { announce } from './notice.js';
import { campaignsPanel, type CampaignsPanel } from './campaigns.js';
import { leastRiskyControl, leastRiskyDone, queueFilters } from './queue-tools.js';

/** The queues, in tab order. */
const STATUSES: readonly Status[] = ['pending', 'flagged', 'approved', 'rejected', 'spam'];

// Kept across re-renders (a language switch, coming back from settings) so the moderator keeps their place.
const state = {
  status: 'pending' as Status,
  q: '',
  threadKey: '',
  sort: 'newest' as QueueOrder,
  items: [] as QueueItem[],
  nextCursor: null as string | null,
  selected: new Set<number>(),
  counts: null as Record<Status, number> | null,
};

/** The queue view's parts that are redrawn separately. */
interface QueueDom {
  tabs: HTMLElement;
  heading: HTMLElement;
  list: HTMLOListElement;
  more: HTMLButtonElement;
  selectAll: HTMLInputElement;
  selectedCount: HTMLElement;
  bulk: HTMLButtonElement[];
  campaigns: CampaignsPanel;
}

let dom: QueueDom | null = null;

function articles(): HTMLElement[] {
  return dom ? [...dom.list.querySelectorAll<HTMLElement>('article.item')] : [];
}

function currentArticle(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement ? active.closest<HTMLElement>('article.item') : null;
}

function itemOf(article: HTMLElement | null): QueueItem | undefined {
  const id = Number(article?.dataset.id);
  return state.items.find((item) => item.id === id);
}

function drawTabs(): void {
  if (!dom) return;
  // Drawn again (a new tab, new counts): the keyboard's focus stays on the tab it was on.
  const focused = dom.tabs.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.status : undefined;
  replace(
    dom.tabs,
    ...STATUSES.map((status) =>
      button(t(`status.${status}`), () => void switchTo(status), { class: 'tab', 'aria-pressed': status === state.status ? 'true' : 'false', 'data-status': status }),
    ),
  );
  dom.tabs.querySelectorAll<HTMLButtonElement>('button.tab').forEach((tab, index) => {
    const status = STATUSES[index];
    if (status && state.counts) tab.append(' ', h('span', { class: 'count' }, num(state.counts[status])));
  });
  dom.heading.textContent = t('queue.heading', { status: t(`status.${state.status}`) });
  if (focused) dom.tabs.querySelector<HTMLElement>(`[data-status="${focused}"]`)?.focus();
}

function drawSelection(): void {
  if (!dom) return;
  const count = state.selected.size;
  dom.selectedCount.textContent = t('queue.selected', { count: num(count) });
  // An action that would leave the comments where they are (back to pending, in the Pending tab) is never offered.
  for (const control of dom.bulk) control.disabled = count === 0 || ACTION_STATUS[control.dataset.bulk as Action] === state.status;
  dom.selectAll.checked = count > 0 && state.items.every((item) => state.selected.has(item.id));
  dom.selectAll.indeterminate = count > 0 && !dom.selectAll.checked;
  for (const article of articles()) {
    const box = article.querySelector<HTMLInputElement>('input.select');
    if (box) box.checked = state.selected.has(Number(article.dataset.id));
  }
}

const handlers = {
  decide: (item: QueueItem, action: Action) => void decide(item, action),
  reply: (item: QueueItem, body: string, authorName: string) => replyAsStaff(item, body, authorName),
  toggle: (id: number, on: boolean) => {
    if (on) state.selected.add(id);
    else state.selected.delete(id);
    drawSelection();
  },
};

function drawItems(): void {
  if (!dom) return;
  replace(dom.list, ...state.items.map((item) => renderItem(item, state.selected.has(item.id), handlers)));
  if (state.items.length === 0) dom.list.append(h('li', { class: 'empty' }, t('queue.empty')));
  dom.more.hidden = state.nextCursor === null;
  drawSelection();
}

async function refreshCounts(): Promise<void> {
  try {
    state.counts = (await api.counts()).counts;
    drawTabs();
  } catch (error) {
    report(error);
  }
}

// A tab, filter or sort chosen while a page is on its way makes that page stale: answers can arrive
// out of order, and only the latest request's answer may be drawn (else the list shows another tab).
let latestLoad = 0;

async function load(append: boolean): Promise<void> {
  const ticket = (latestLoad += 1);
  // Says the list is about to change, for screen readers and for anything acting on the list.
  dom?.list.setAttribute('aria-busy', 'true');
  try {
    const page = await api.queue({ status: state.status, q: state.q, threadKey: state.threadKey, sort: state.sort, cursor: append ? state.nextCursor : null });
    if (ticket !== latestLoad) return;
    state.items = append ? [...state.items, ...page.items] : page.items;
    state.nextCursor = page.nextCursor;
    if (!append) state.selected.clear();
    drawItems();
  } catch (error) {
    if (ticket === latestLoad) report(error);
  } finally {
    if (ticket === latestLoad) dom?.list.removeAttribute('aria-busy');
  }
}

async function switchTo(status: Status): Promise<void> {
  state.status = status;
  state.nextCursor = null;
  drawTabs();
  await Promise.all([load(false), refreshCounts()]);
}

/** Replaces one item in place (after a conflict the moderator sees what it is now). */
function redraw(item: QueueItem): void {
  state.items = state.items.map((existing) => (existing.id === item.id ? item : existing));
  const old = dom?.list.querySelector<HTMLElement>(`article.item[data-id="${item.id}"]`);
  const fresh = renderItem(item, state.selected.has(item.id), handlers);
  old?.parentElement?.replaceWith(fresh);
  fresh.querySelector<HTMLElement>('article')?.focus();
}

/** Takes a decided item out of this queue and moves the focus to its neighbour. */
function remove(id: number): void {
  const list = articles();
  const index = list.findIndex((article) => Number(article.dataset.id) === id);
  const neighbour = list[index + 1] ?? list[index - 1] ?? null;
  const hadFocus = list[index]?.contains(document.activeElement) ?? false;
  list[index]?.parentElement?.remove();
  state.items = state.items.filter((item) => item.id !== id);
  state.selected.delete(id);
  if (state.items.length === 0 && state.nextCursor !== null) {
    // This page is done, the queue is not: the comments after it come up (decided ones left the tab), focus with them.
    void load(false).then(() => hadFocus && articles()[0]?.focus());
  } else if (state.items.length === 0) {
    drawItems();
  }
  if (hadFocus) neighbour?.focus();
  drawSelection();
}

async function decide(item: QueueItem, action: Action): Promise<void> {
  try {
    const updated = await api.decide(item.id, action, item.status);
    announce(t(ACTION_STATUS[action] === item.status ? 'done.confirm' : `done.${action}`, { id: item.id }));
    if (updated.status === state.status) redraw(updated);
    else remove(item.id);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) return report(error);
    // Someone else decided first: show the comment as it is now, never overwrite their decision.
    try {
      redraw(await api.item(item.id));
      announce(t('conflict', { id: item.id }));
    } catch (reloadError) {
      report(reloadError);
    }
  }
  await refreshCounts();
}

async function replyAsStaff(item: QueueItem, body: string, authorName: string): Promise<boolean> {
  try {
    const reply = await api.reply(item.id, body, authorName);
    announce(t('reply.done', { id: item.id }));
    // The approved list shows the reply at once; other lists do not hold it.
    if (state.status === 'approved') {
      state.items.unshift(reply);
      drawItems();
    }
    return true;
  } catch (error) {
    report(error);
    return false;
  }
}

async function decideSelected(action: Action): Promise<void> {
  const ids = state.items.filter((item) => state.selected.has(item.id)).map((item) => item.id);
  if (ids.length === 0) return;
  try {
    // Only while still in this tab's status: a comment another moderator decided meanwhile keeps their decision.
    const { updated, batchId, skipped, missing } = await api.decideMany(ids, action, state.status);
    afterBulk(t(`bulk.done.${action}`, { count: num(updated) }) + skippedNote(skipped) + (missing.length > 0 ? ` ${t('bulk.missing', { count: num(missing.length) })}` : ''), { updated, batchId });
  } catch (error) {
    report(error);
  }
  await reloadAll();
  focusQueueIfLost();
}

/** The part of a bulk announcement about comments someone else decided first; empty when there were none. */
function skippedNote(skipped: number[]): string {
  return skipped.length > 0 ? ` ${t('bulk.skipped', { count: num(skipped.length) })}` : '';
}

/**
 * Says what a bulk decision did and offers to undo it, with the focus on Undo: the button pressed is disabled now
 * (nothing is selected), and Undo, in the notice bar at the end of the page, would be out of a keyboard's reach. A batch
 * that changed nothing (every comment decided by someone else meanwhile) has nothing to undo: no Undo, which would fail.
 */
function afterBulk(message: string, batch: { updated: number; batchId: string }): void {
  announce(message, batch.updated > 0 ? { label: t('bulk.undo'), run: () => void undo(batch.batchId), focus: true } : undefined);
}

/** Where the keyboard goes on when the button it pressed has gone or is disabled: the top of the queue. */
function focusQueueIfLost(): void {
  if (!document.activeElement || document.activeElement === document.body) dom?.list.querySelector<HTMLElement>('article')?.focus();
}

function reloadAll(): Promise<unknown> {
  return Promise.all([load(false), refreshCounts(), dom?.campaigns.reload()]);
}

async function undo(batchId: string): Promise<void> {
  try {
    const result = await api.undo(batchId);
    const skipped = result.skipped.length > 0 ? ` ${t('bulk.undoSkipped', { count: num(result.skipped.length) })}` : '';
    announce(t('bulk.undone', { count: num(result.restored) }) + skipped);
  } catch (error) {
    report(error);
  }
  await reloadAll();
  // Undo has left with the notice.
  focusQueueIfLost();
}

/** Draws the queue view into `main` and loads the current tab. */
export function renderQueue(main: HTMLElement): void {
  const headingId = uid('queue');
  const selectAll = h('input', { type: 'checkbox', id: uid('all') });
  selectAll.addEventListener('change', () => {
    state.selected = selectAll.checked ? new Set(state.items.map((item) => item.id)) : new Set();
    drawSelection();
  });
  const bulk = ACTIONS.map((action) => button(t(`action.${action}`), () => decideSelected(action), { class: `action ${action}`, 'data-bulk': action, disabled: true }));
  const more = button(t('queue.loadMore'), () => load(true), { class: 'more', hidden: true });
  dom = {
    tabs: h('div', { class: 'tabs', role: 'group', 'aria-label': t('queue.tabs') }),
    heading: h('h1', { id: headingId }),
    list: h('ol', { class: 'items', 'aria-labelledby': headingId }),
    more,
    selectAll,
    selectedCount: h('span', { class: 'selected-count' }),
    bulk,
    campaigns: campaignsPanel((batch) => {
      afterBulk(t(plural('campaigns.done', batch.updated), { count: num(batch.updated) }), batch);
      void reloadAll();
    }),
  };
  replace(
    main,
    dom.tabs,
    dom.heading,
    queueFilters(state, (chosen) => {
      Object.assign(state, chosen);
      void load(false);
    }),
    keepClearOfToolbar(h(
      'div',
      { class: 'toolbar' },
      h('span', { class: 'check' }, selectAll, h('label', { for: selectAll.id }, t('queue.selectAll'))),
      dom.selectedCount,
      h('div', { class: 'bulk', role: 'group', 'aria-label': t('queue.bulkLabel') }, ...bulk),
      button(t('queue.help'), () => openHelp(), { class: 'help-button', 'aria-keyshortcuts': '?' }),
    )),
    leastRiskyControl(
      () => state.status,
      (batch) => {
        if (batch) afterBulk(leastRiskyDone(batch.updated) + skippedNote(batch.skipped), batch);
        void reloadAll();
      },
    ),
    dom.campaigns.element,
    dom.list,
    more,
  );
  void dom.campaigns.reload();
  drawTabs();
  drawItems();
  void switchTo(state.status);
}

let toolbarWatch: ResizeObserver | null = null;

/**
 * The toolbar sticks to the top as the list scrolls: the page scrolls with its height kept free, so the comment the
 * keyboard (or a focus move) brings into view is never hidden under it (WCAG 2.4.11), however tall it wraps on a phone.
 */
function keepClearOfToolbar(toolbar: HTMLElement): HTMLElement {
  toolbarWatch?.disconnect();
  toolbarWatch = new ResizeObserver(() => document.documentElement.style.setProperty('scroll-padding-block-start', `${toolbar.offsetHeight + 8}px`));
  toolbarWatch.observe(toolbar);
  return toolbar;
}

/** Forgets the view when another one replaces it, so shortcuts stop acting on a detached list. */
export function leaveQueue(): void {
  dom = null;
  toolbarWatch?.disconnect();
  toolbarWatch = null;
  document.documentElement.style.removeProperty('scroll-padding-block-start');
}

/** The shortcut target while the queue is shown. */
export function queueShortcuts(): ShortcutTarget | null {
  if (!dom) return null;
  return {
    move(step) {
      const list = articles();
      if (list.length === 0) return;
      const current = currentArticle();
      const index = current ? list.indexOf(current) : -1;
      const next = index === -1 ? (step === 1 ? list[0] : list[list.length - 1]) : list[Math.min(list.length - 1, Math.max(0, index + step))];
      next?.focus();
      next?.scrollIntoView({ block: 'nearest' });
    },
    act(action) {
      const item = itemOf(currentArticle());
      if (item && ACTION_STATUS[action] !== item.status) void decide(item, action);
    },
    toggleSelection() {
      const item = itemOf(currentArticle());
      if (item) handlers.toggle(item.id, !state.selected.has(item.id));
    },
    help: openHelp,
  };
}
