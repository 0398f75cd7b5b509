import { api, type QueueOrder, type Status } from './api.js';
import { button, field, h } from './dom.js';
import { report } from './errors.js';
import { list, num, plural, t } from './i18n.js';
import { labelName, RISK_LABELS } from './model-labels.js';
import { announce } from './notice.js';

const ORDERS: readonly QueueOrder[] = ['newest', 'riskiest', 'safest'];

/** The queue's search, thread filter and order; `apply` reloads with what the moderator chose. */
export function queueFilters(current: { q: string; threadKey: string; sort: QueueOrder }, apply: (chosen: { q: string; threadKey: string; sort: QueueOrder }) => void): HTMLFormElement {
  const q = h('input', { type: 'search', name: 'q', autocomplete: 'off', dir: 'auto' });
  q.value = current.q;
  const thread = h('input', { type: 'text', name: 'threadKey', autocomplete: 'off', dir: 'ltr', spellcheck: 'false' });
  thread.value = current.threadKey;
  const sort = h('select', { name: 'sort' }, ...ORDERS.map((order) => h('option', { value: order }, t(`queue.sort.${order}`))));
  sort.value = current.sort;
  const form = h(
    'form',
    { class: 'filters', role: 'search' },
    field(t('queue.search'), q),
    field(t('queue.thread'), thread),
    field(t('queue.sort'), sort),
    h('button', { type: 'submit' }, t('queue.filter')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply({ q: q.value.trim(), threadKey: thread.value.trim(), sort: sort.value as QueueOrder });
  });
  return form;
}

/**
 * "Approve the N least risky": the N comments of this queue the classifier scored lowest, approved in
 * one bulk decision the moderator can undo. Comments it has not scored are never included.
 */
export function leastRiskyControl(status: () => Status, done: (batch: { updated: number; batchId: string; skipped: number[] } | null) => void): HTMLElement {
  const count = h('input', { type: 'number', min: '1', max: '500', step: '1', value: '10', inputmode: 'numeric', dir: 'ltr', class: 'count' });
  const run = async () => {
    const wanted = Math.min(500, Math.max(1, Number.parseInt(count.value, 10) || 0));
    try {
      // A model silent on a label scores comments low for it: "least risky" would then pick what it cannot judge.
      const { readiness } = await api.modelStatus();
      const silent = RISK_LABELS.filter((label) => !readiness.labels.includes(label));
      if (readiness.labels.length > 0 && silent.length > 0) {
        announce(t('queue.leastRisky.partial', { silent: list(silent.map(labelName)) }));
        return done(null);
      }
      const page = await api.queue({ status: status(), sort: 'safest', limit: wanted });
      // Scored by the model in force: a comment posted before any model was scored when one was trained.
      const ids = page.items.filter((item) => item.riskScore !== null).map((item) => item.id);
      if (ids.length === 0) {
        announce(t('queue.leastRisky.none'));
        return done(null);
      }
      done(await api.decideMany(ids, 'approve', status()));
    } catch (error) {
      report(error);
    }
  };
  return h('div', { class: 'least-risky inline' }, field(t('queue.leastRisky.count'), count), button(t('queue.leastRisky.approve'), () => run()));
}

/** The announcement of a bulk approval of the least risky comments. */
export function leastRiskyDone(updated: number): string {
  return t(plural('queue.leastRisky.done', updated), { count: num(updated) });
}
