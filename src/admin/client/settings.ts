import { ApiError, api, type BacktestReport, type Policy } from './api.js';
import { button, field, fieldError, h, replace, uid } from './dom.js';
import { report } from './errors.js';
import { num, t } from './i18n.js';
import type { MessageKey } from './messages.js';
import { announce } from './notice.js';
import { modelPanel, renderThresholds } from './classifier-settings.js';
import { explain } from './reason-text.js';
import type { Session } from './session.js';

type NumberKey = 'maxLinks' | 'flagThreshold' | 'editWindowMinutes' | 'autoCloseAfterDays' | 'floodIntervalSeconds';
const NUMBER_KEYS: readonly NumberKey[] = ['maxLinks', 'flagThreshold', 'editWindowMinutes', 'autoCloseAfterDays', 'floodIntervalSeconds'];
const PREMODERATION: ReadonlyArray<Policy['premoderation']> = ['all', 'first-time', 'none'];

/** One word per line, trimmed, blanks and repeats dropped. */
function wordsOf(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()).filter((line) => line !== ''))];
}

type FieldError = ReturnType<typeof fieldError>;

/** A word-list textarea with a count and an add/remove box. */
function wordList(label: string, words: readonly string[], onChange: () => void): { element: HTMLElement; read: () => string[]; control: HTMLTextAreaElement; error: FieldError } {
  const area = h('textarea', { rows: '8', dir: 'auto', spellcheck: 'false' });
  area.value = words.join('\n');
  const count = h('span', { class: 'hint', 'aria-live': 'polite' });
  const countNow = () => {
    count.textContent = t('settings.wordCount', { count: num(wordsOf(area.value).length) });
  };
  const entry = h('input', { type: 'text', dir: 'auto', autocomplete: 'off' });
  const edit = (add: boolean) => {
    const word = entry.value.trim();
    if (!word) return;
    const rest = wordsOf(area.value).filter((existing) => existing.toLowerCase() !== word.toLowerCase());
    area.value = (add ? [...rest, word] : rest).join('\n');
    entry.value = '';
    countNow();
    onChange();
  };
  // Enter adds the word, as the box's own button does (inside the form it would otherwise try to save it).
  entry.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    edit(true);
  });
  area.addEventListener('input', () => {
    countNow();
    onChange();
  });
  countNow();
  const error = fieldError(area);
  const listField = field(label, area, count);
  listField.append(error.element);
  const element = h(
    'div',
    { class: 'word-list' },
    listField,
    h('div', { class: 'inline' }, field(t('settings.addWord'), entry), button(t('settings.add'), () => edit(true)), button(t('settings.remove'), () => edit(false))),
  );
  return { element, read: () => wordsOf(area.value), control: area, error };
}

function renderBacktest(result: BacktestReport): HTMLElement {
  const headingId = uid('backtest');
  return h(
    'section',
    { class: 'backtest', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('backtest.heading')),
    h('p', { class: 'summary' }, t('backtest.summary', { days: num(result.days), compared: num(result.compared), changed: num(result.changed) })),
    result.transitions.length === 0 ? h('p', {}, t('backtest.none')) : null,
    ...result.transitions.map((transition) =>
      h(
        'div',
        { class: 'transition' },
        h('h3', {}, t('backtest.transition', { from: statusName(transition.from), to: statusName(transition.to), count: num(transition.count) })),
        h(
          'ul',
          { 'aria-label': t('backtest.examples') },
          ...transition.examples.map((example) =>
            h('li', {}, h('p', { dir: 'auto', class: 'body' }, example.body), h('ul', { class: 'why' }, ...example.reasons.map((reason) => h('li', {}, h('code', {}, reason.rule), ' ', h('span', { dir: 'auto' }, explain(reason)))))),
          ),
        ),
      ),
    ),
  );
}

function statusName(status: string): string {
  const key = `status.${status}`;
  return ['pending', 'flagged', 'approved', 'rejected', 'spam'].includes(status) ? t(key as MessageKey) : status;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  premoderation: 'settings.premoderation',
  guestsMayPost: 'settings.guestsMayPost',
  classifierHoldAbove: 'settings.classifierHoldAbove',
  classifierRejectAbove: 'settings.classifierRejectAbove',
  bannedWords: 'settings.bannedWords',
  suspectWords: 'settings.suspectWords',
  ...Object.fromEntries(NUMBER_KEYS.map((key) => [key, `settings.${key}` as const])),
};

/** A policy field as the form labels it (the whole stored value when `field` is empty). */
function fieldLabel(field: string): string {
  const key = field === '' ? 'settings.wholePolicy' : FIELD_LABELS[field];
  return key ? t(key) : field;
}

/** The policy field a refusal names (`bannedWords.3` → `bannedWords`, the entry's index after it, if any). */
function refusedField(field: string): { name: string; index: string | undefined } {
  // The preview sends the policy inside its request (`policy.maxLinks`); saving sends it alone (`maxLinks`).
  const [name = '', index] = field.replace(/^policy\./, '').split('.');
  return { name, index };
}

/** A word-list entry a refusal names, by the word that was sent; undefined for any other field. */
function refusedEntry(field: string, sent: Policy): string | undefined {
  const { name, index } = refusedField(field);
  return (name === 'bannedWords' || name === 'suspectWords') && index !== undefined ? (sent[name][Number(index)] ?? '') : undefined;
}

/** A field a refusal names, as the form shows it: a word list's entry by the word that was sent. */
function refusedFieldLabel(field: string, sent: Policy): string {
  const { name } = refusedField(field);
  const word = refusedEntry(field, sent);
  return word === undefined ? fieldLabel(name) : t('settings.listEntry', { list: fieldLabel(name), word });
}

/** Draws the settings view: the policy form, a backtest of the proposed policy, then Save (admins). */
/** Whether the settings on screen differ from the ones saved; false when no settings form is shown. */
let hasUnsavedChanges: () => boolean = () => false;

/** Whether the settings shown hold changes not saved. */
export function hasUnsavedSettings(): boolean {
  return hasUnsavedChanges();
}

/** True when the view may change: nothing unsaved in the settings, or the admin agrees to drop it. */
export function mayLeaveSettings(): boolean {
  return !hasUnsavedChanges() || window.confirm(t('settings.discard'));
}

export async function renderSettings(main: HTMLElement, session: Session): Promise<void> {
  let policy: Policy;
  let status: Awaited<ReturnType<typeof api.policyStatus>>;
  try {
    [policy, status] = await Promise.all([api.settings(), api.policyStatus()]);
  } catch (error) {
    return report(error);
  }
  const isAdmin = session.moderator.role === 'admin';
  let previewed: string | null = null;
  const result = h('div', { class: 'backtest-slot' });
  // Saving waits for a preview of exactly what is saved; the hint beside the greyed button says so, not only a refusal.
  const saveHint = h('span', { class: 'hint', id: uid('save-hint'), 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'primary', disabled: true, 'aria-describedby': saveHint.id }, t('settings.save'));
  const changed = () => {
    save.disabled = previewed === null || previewed !== JSON.stringify(read());
    const hint = !save.disabled ? '' : previewed === null ? t('settings.previewFirst') : t('settings.previewStale');
    // Set only when it changes: a live region says its text again each time it is written.
    if (saveHint.textContent !== hint) saveHint.textContent = hint;
  };
  const pre = h('select', {}, ...PREMODERATION.map((value) => h('option', { value }, t(`settings.pre.${value}`))));
  pre.value = policy.premoderation;
  pre.addEventListener('change', changed);
  const guests = h('select', {}, h('option', { value: 'yes' }, t('settings.guests.yes')), h('option', { value: 'no' }, t('settings.guests.no')));
  guests.value = policy.guestsMayPost ? 'yes' : 'no';
  guests.addEventListener('change', changed);
  const numbers = Object.fromEntries(
    NUMBER_KEYS.map((key) => {
      const input = h('input', { type: 'number', min: key === 'flagThreshold' || key === 'autoCloseAfterDays' ? '1' : '0', step: '1', inputmode: 'numeric', dir: 'ltr' });
      input.value = policy[key] === null ? '' : String(policy[key]);
      input.addEventListener('input', changed);
      return [key, input];
    }),
  ) as Record<NumberKey, HTMLInputElement>;
  const banned = wordList(t('settings.bannedWords'), policy.bannedWords, changed);
  const suspect = wordList(t('settings.suspectWords'), policy.suspectWords, changed);
  const days = h('input', { type: 'number', min: '1', max: '365', step: '1', dir: 'ltr' });
  days.value = '30';
  const score = (value: number | null) => {
    const input = h('input', { type: 'number', min: '0', max: '1', step: '0.01', inputmode: 'decimal', dir: 'ltr' });
    input.value = value === null ? '' : String(value);
    input.addEventListener('input', changed);
    return input;
  };
  const holdAbove = score(policy.classifierHoldAbove);
  const rejectAbove = score(policy.classifierRejectAbove);
  const target = h('input', { type: 'number', min: '0', max: '100', step: '0.5', inputmode: 'decimal', dir: 'ltr' });
  target.value = '2';

  function read(): Policy {
    const int = (key: NumberKey) => Number.parseInt(numbers[key].value, 10);
    return {
      // Fields without a control here (the bot defences) keep their stored values.
      ...policy,
      premoderation: pre.value as Policy['premoderation'],
      bannedWords: banned.read(),
      suspectWords: suspect.read(),
      maxLinks: int('maxLinks'),
      flagThreshold: int('flagThreshold'),
      editWindowMinutes: int('editWindowMinutes'),
      autoCloseAfterDays: numbers.autoCloseAfterDays.value.trim() === '' ? null : int('autoCloseAfterDays'),
      floodIntervalSeconds: int('floodIntervalSeconds'),
      classifierHoldAbove: Number.parseFloat(holdAbove.value),
      classifierRejectAbove: rejectAbove.value.trim() === '' ? null : Number.parseFloat(rejectAbove.value),
      guestsMayPost: guests.value === 'yes',
    };
  }

  // Each control with its error line, in the form's order: the first refused one takes the focus.
  const entry = (name: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, line: FieldError = fieldError(control)) => ({ name, control, line });
  const controls = [
    entry('premoderation', pre),
    entry('guestsMayPost', guests),
    ...NUMBER_KEYS.map((key) => entry(key, numbers[key])),
    entry('bannedWords', banned.control, banned.error),
    entry('suspectWords', suspect.control, suspect.error),
    entry('classifierHoldAbove', holdAbove),
    entry('classifierRejectAbove', rejectAbove),
  ];
  const errorOf = (name: string) => controls.find((control) => control.name === name)?.line.element;

  const explainInvalid = (error: unknown, sent: Policy) => {
    if (error instanceof ApiError && error.status === 422 && error.problem?.errors) {
      const refusals = error.problem.errors;
      // Each message ends a sentence of its own; the list ends with the announcement's.
      const fields = refusals.map((e) => `${refusedFieldLabel(e.field, sent)}: ${e.message.replace(/\.$/, '')}`).join('; ');
      announce(t('settings.invalid', { fields }));
      // Beside each field too, and on the first: a keyboard or screen-reader user lands where the fix goes.
      for (const { name, line } of controls) {
        const own = refusals.filter((e) => refusedField(e.field).name === name);
        // A word list's entry is named, as in the notice; any other field's line needs only the message.
        const said = own.map((e) => (refusedEntry(e.field, sent) === undefined ? e.message : `${refusedFieldLabel(e.field, sent)}: ${e.message}`)).join(' ');
        if (said) line.show(said);
        else line.clear();
      }
      controls.find(({ control }) => control.getAttribute('aria-invalid') === 'true')?.control.focus();
    } else report(error);
  };
  const clearInvalid = () => controls.forEach(({ line }) => line.clear());

  const preview = button(t('settings.preview'), async () => {
    const proposed = read();
    try {
      const backtest = await api.preview(proposed, Number.parseInt(days.value, 10) || 30, (Number.parseFloat(target.value) || 2) / 100);
      const useThreshold = (threshold: number) => {
        holdAbove.value = String(threshold);
        changed();
        holdAbove.focus();
      };
      replace(result, renderBacktest(backtest), backtest.classifier ? renderThresholds(backtest.classifier, useThreshold) : null);
      announce(t('backtest.summary', { days: num(backtest.days), compared: num(backtest.compared), changed: num(backtest.changed) }));
      previewed = JSON.stringify(proposed);
      clearInvalid();
      changed();
    } catch (error) {
      explainInvalid(error, proposed);
    }
  });

  const form = h(
    'form',
    { class: 'settings', novalidate: true },
    h(
      'fieldset',
      { disabled: !isAdmin },
      field(t('settings.premoderation'), pre, errorOf('premoderation')),
      field(t('settings.guestsMayPost'), guests, errorOf('guestsMayPost')),
      h('div', { class: 'grid' }, ...NUMBER_KEYS.map((key) => field(t(`settings.${key}`), numbers[key], errorOf(key)))),
      h('div', { class: 'grid lists' }, banned.element, suspect.element),
      h(
        'div',
        { class: 'grid' },
        field(t('settings.classifierHoldAbove'), holdAbove, errorOf('classifierHoldAbove')),
        field(t('settings.classifierRejectAbove'), rejectAbove, errorOf('classifierRejectAbove')),
      ),
    ),
    isAdmin ? h('div', { class: 'inline preview' }, field(t('settings.days'), days), field(t('settings.target'), target), preview) : null,
    result,
    isAdmin ? h('div', { class: 'save' }, save, saveHint) : null,
  );
  changed();
  let saved = JSON.stringify(read());
  hasUnsavedChanges = () => isAdmin && form.isConnected && JSON.stringify(read()) !== saved;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const proposed = read();
    if (previewed !== JSON.stringify(proposed)) return announce(t('settings.previewStale'));
    try {
      await api.saveSettings(proposed);
      saved = JSON.stringify(proposed);
      clearInvalid();
      announce(t('settings.saved'));
      previewed = null;
      changed();
    } catch (error) {
      explainInvalid(error, proposed);
    }
  });
  // A stored policy that failed validation is not silently replaced: say which fields fell back to defaults.
  const problems = status.valid
    ? null
    : h(
        'div',
        { class: 'problems', role: 'alert' },
        h('p', {}, t('settings.storedInvalid')),
        h('ul', {}, ...status.problems.map((problem) => h('li', { dir: 'auto' }, `${fieldLabel(problem.field)}: ${problem.message}`))),
      );
  replace(main, h('h1', {}, t('settings.heading')), problems, isAdmin ? null : h('p', { class: 'note' }, t('settings.readOnly')), form, await modelPanel(isAdmin));
}
