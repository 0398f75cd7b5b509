import { api, type BacktestReport, type ModelStatus } from './api.js';
import { button, h } from './dom.js';
import { report } from './errors.js';
import { list, num, plural, t, when } from './i18n.js';
import { announce } from './notice.js';
import { labelName, RISK_LABELS } from './model-labels.js';

const percent = (share: number | null) => (share === null ? '–' : num(Math.round(share * 1000) / 10));
const auc = (value: number) => num(Math.round(value * 1000) / 1000);

function describe(status: ModelStatus): HTMLElement[] {
  const { model, readiness, decided } = status;
  if (!model) return [h('p', {}, t('model.none', { acceptable: num(decided.acceptable), abusive: num(decided.abusive), spam: num(decided.spam) }))];
  const lines = [h('p', {}, t('model.summary', { version: num(model.version), when: when(model.trainedAt), examples: num(model.examples) }))];
  if (readiness.labels.length > 0) lines.push(h('p', {}, t('model.votesOn', { labels: list(readiness.labels.map(labelName)) })));
  if (readiness.missing.length > 0) {
    const have = list(readiness.missing.map((m) => `${labelName(m.label)} ${num(m.examples)}/${num(m.needed)}`));
    lines.push(h('p', { class: 'note' }, t('model.silent', { labels: list(readiness.missing.map((m) => labelName(m.label))), needed: num(status.minPerLabel), have })));
  }
  if (readiness.weak.length > 0) {
    const have = list(readiness.weak.map((w) => `${labelName(w.label)} ${auc(w.rocAuc)}`));
    lines.push(h('p', { class: 'note' }, t('model.weak', { labels: list(readiness.weak.map((w) => labelName(w.label))), needed: `ROC AUC ${auc(readiness.weak[0]?.needed ?? 0)}`, have })));
  }
  for (const label of RISK_LABELS) {
    const figures = model.metrics?.labels[label];
    if (figures) lines.push(h('p', { class: 'hint' }, t('model.auc', { label: labelName(label), auc: auc(figures.rocAuc), r2: percent(figures.recallAt2) })));
  }
  if (status.newDecisions > 0) lines.push(h('p', { class: 'hint' }, t(plural('model.newDecisions', status.newDecisions), { count: num(status.newDecisions) })));
  return lines;
}

/** The classifier panel: what the model in force learned and may vote on, and (admins) training now. */
export async function modelPanel(isAdmin: boolean): Promise<HTMLElement> {
  const section = h('section', { class: 'model' }, h('h2', {}, t('model.heading')));
  const body = h('div', {});
  const draw = (status: ModelStatus) => body.replaceChildren(...describe(status));
  try {
    draw(await api.modelStatus());
  } catch (error) {
    report(error);
  }
  section.append(body);
  if (isAdmin) {
    const train: HTMLButtonElement = button(t('model.train'), async () => {
      train.disabled = true;
      try {
        const { model } = await api.train();
        announce(t('model.trained', { version: num(model.version) }));
        draw(await api.modelStatus());
      } catch (error) {
        report(error);
      } finally {
        train.disabled = false;
      }
    });
    section.append(train);
  }
  return section;
}

/** What each classifier hold threshold would have done to the replayed days' decided comments, and the suggestion. */
export function renderThresholds(result: NonNullable<BacktestReport['classifier']>, useThreshold: (threshold: number) => void): HTMLElement {
  const suggested = result.suggested;
  return h(
    'section',
    { class: 'thresholds' },
    h('h3', {}, t('thresholds.heading')),
    suggested
      ? h(
          'p',
          {},
          t('thresholds.suggested', { threshold: num(suggested.threshold), held: percent(suggested.heldAcceptable), caught: percent(suggested.caught) }),
          ' ',
          button(t('thresholds.use'), () => useThreshold(suggested.threshold)),
        )
      : h('p', {}, t(result.counts.acceptable === 0 ? 'thresholds.noUnseen' : 'thresholds.noneSuggested')),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('thresholds.threshold')), h('th', { scope: 'col' }, t('thresholds.held')), h('th', { scope: 'col' }, t('thresholds.caught')))),
      h(
        'tbody',
        {},
        ...result.candidates.map((row) =>
          h(
            'tr',
            { class: row.threshold === suggested?.threshold ? 'suggested' : '' },
            h('td', { dir: 'ltr' }, num(row.threshold)),
            h('td', {}, `${percent(row.heldAcceptable)}%`),
            h('td', {}, `${percent(row.caught)}%`),
          ),
        ),
      ),
    ),
  );
}
