import { append, h, uid } from './dom.js';
import { t, type Lang } from './i18n.js';
import type { WidgetKey } from './keys.js';
import { loadDetails } from './storage.js';
import { validateDraft, type FieldName, type FormValues } from './validate.js';

/** What the reader submits: the typed values, where the reply goes, and whether to remember them. */
export interface Submission {
  values: FormValues;
  parentId: number | undefined;
  remember: boolean;
  notify: boolean;
}

interface Field {
  input: HTMLInputElement | HTMLTextAreaElement;
  error: HTMLParagraphElement;
}

const FIELDS: ReadonlyArray<{ name: FieldName; label: WidgetKey; type: string; required: boolean; autocomplete: string }> = [
  { name: 'body', label: 'form.body', type: 'textarea', required: true, autocomplete: 'off' },
  { name: 'authorName', label: 'form.authorName', type: 'text', required: true, autocomplete: 'name' },
  { name: 'authorEmail', label: 'form.authorEmail', type: 'email', required: true, autocomplete: 'email' },
  { name: 'authorUrl', label: 'form.authorUrl', type: 'url', required: false, autocomplete: 'url' },
];

/** Fills a message template around an isolated name, without ever parsing the name as markup. */
function withName(lang: Lang, key: WidgetKey, name: string): Array<Node | string> {
  const [before = '', after = ''] = t(lang, key, { name: '\u0000' }).split('\u0000');
  return [before, h('bdi', {}, name), after];
}

/**
 * The "Leave a Reply" form. It moves under a comment to reply and back; what the reader typed
 * stays in the same elements throughout, so nothing is lost on errors or while replying.
 */
export class ReplyForm {
  readonly element: HTMLFormElement;
  private readonly fields = {} as Record<FieldName, Field>;
  private readonly heading: HTMLHeadingElement;
  private readonly cancel: HTMLButtonElement;
  private readonly remember: HTMLInputElement;
  private readonly notifyBox: HTMLInputElement;
  private readonly submit: HTMLButtonElement;
  private parentId: number | undefined;
  private home: { parent: Node; next: Node | null } | null = null;

  /** `extras` are the plugins' controls (sign-in, a challenge), placed above the submit button. */
  constructor(private readonly lang: Lang, onSubmit: (submission: Submission) => void, extras: Node[] = []) {
    const headingId = uid('reply-title');
    this.heading = h('h3', { id: headingId }, t(lang, 'widget.leaveReply'));
    this.cancel = h('button', { type: 'button', class: 'lk', hidden: true }, t(lang, 'widget.cancelReply'));
    // Cancelled (the button, or Escape), the reader is back on the Reply button that opened the form.
    const cancel = () => {
      const reply = this.element.parentElement?.querySelector<HTMLElement>(':scope>article [data-act=reply]');
      this.cancelReply();
      reply?.focus();
    };
    this.cancel.addEventListener('click', cancel);
    this.element = h('form', { novalidate: true, 'aria-labelledby': headingId }, h('div', { class: 'fh' }, this.heading, this.cancel));
    this.element.addEventListener('keydown', (event) => event.key === 'Escape' && this.parentId !== undefined && cancel());
    const noteId = uid('note');
    this.element.appendChild(h('p', { class: 'nt', id: noteId }, t(lang, 'widget.emailNote')));
    for (const spec of FIELDS) this.element.appendChild(this.renderField(spec, noteId));
    const checkId = uid('save');
    this.remember = h('input', { type: 'checkbox', id: checkId });
    this.element.appendChild(h('div', { class: 'f' }, h('label', { class: 'ck', for: checkId }, this.remember, h('span', {}, t(lang, 'widget.saveDetails')))));
    const notifyId = uid('notify');
    this.notifyBox = h('input', { type: 'checkbox', id: notifyId, name: 'notify' });
    this.element.appendChild(h('div', { class: 'f' }, h('label', { class: 'ck', for: notifyId }, this.notifyBox, h('span', {}, t(lang, 'reader.notify')))));
    append(this.element, ...extras);
    this.submit = h('button', { type: 'submit', class: 'pr' }, t(lang, 'page.send'));
    this.element.appendChild(this.submit);
    this.restoreDetails();
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = this.values();
      // Fields the sign-in panel hid (a signed-in reader's name and email) are not asked for.
      const problems = validateDraft(values).filter((problem) => !this.fields[problem.field].input.closest('[hidden]'));
      this.showErrors(problems.map((p) => ({ field: p.field, message: t(lang, p.key) })));
      if (problems.length === 0) onSubmit({ values, parentId: this.parentId, remember: this.remember.checked, notify: this.notifyBox.checked });
    });
  }

  private renderField(spec: (typeof FIELDS)[number], noteId: string): HTMLElement {
    const id = uid(spec.name);
    const errorId = `${id}-error`;
    const attributes = {
      id,
      name: spec.name,
      class: 'in',
      dir: 'auto',
      autocomplete: spec.autocomplete,
      'aria-required': spec.required ? 'true' : undefined,
      'aria-describedby': spec.name === 'authorEmail' ? noteId : undefined,
    };
    const input = spec.type === 'textarea' ? h('textarea', { ...attributes, rows: '6' }) : h('input', { ...attributes, type: spec.type });
    const error = h('p', { class: 'er', id: errorId });
    this.fields[spec.name] = { input, error };
    const label = h('label', { for: id }, t(this.lang, spec.label));
    if (spec.required) append(label, ' ', h('span', { class: 'rq', 'aria-hidden': 'true' }, '*'));
    return h('div', { class: 'f' }, label, input, error);
  }

  private restoreDetails(): void {
    const saved = loadDetails();
    if (!saved) return;
    this.fields.authorName.input.value = saved.authorName;
    this.fields.authorEmail.input.value = saved.authorEmail;
    this.fields.authorUrl.input.value = saved.authorUrl;
    this.remember.checked = true;
  }

  /** The current values of the four fields. */
  values(): FormValues {
    const value = (name: FieldName) => this.fields[name].input.value;
    return { body: value('body'), authorName: value('authorName'), authorEmail: value('authorEmail'), authorUrl: value('authorUrl') };
  }

  /** Marks the failing fields (aria-invalid, described by their message) and focuses the first. */
  showErrors(errors: ReadonlyArray<{ field: FieldName; message: string }>): void {
    for (const [name, field] of Object.entries(this.fields) as Array<[FieldName, Field]>) {
      const messages = errors.filter((e) => e.field === name).map((e) => e.message);
      field.error.textContent = [...new Set(messages)].join(' ');
      const described = [name === 'authorEmail' ? this.element.querySelector('.nt')?.id : undefined, messages.length > 0 ? field.error.id : undefined];
      const describedBy = described.filter(Boolean).join(' ');
      if (describedBy) field.input.setAttribute('aria-describedby', describedBy);
      else field.input.removeAttribute('aria-describedby');
      if (messages.length > 0) field.input.setAttribute('aria-invalid', 'true');
      else field.input.removeAttribute('aria-invalid');
    }
    const first = FIELDS.find((spec) => errors.some((e) => e.field === spec.name));
    if (first) this.fields[first.name].input.focus();
  }

  /** True for the fields this form shows. */
  hasField(name: string): name is FieldName {
    return name in this.fields;
  }

  /** Disables the button while a post is on its way, so one click posts once. */
  setBusy(busy: boolean): void {
    this.submit.disabled = busy;
    this.submit.textContent = t(this.lang, busy ? 'widget.posting' : 'page.send');
  }

  /** Empties the comment box after the comment was stored (its text is shown elsewhere). */
  clearBody(): void {
    this.fields.body.input.value = '';
  }

  /** Moves the form under a comment, titled with whom the reader answers. */
  replyTo(id: number, name: string, item: HTMLElement): void {
    if (!this.home && this.element.parentNode) this.home = { parent: this.element.parentNode, next: this.element.nextSibling };
    this.parentId = id;
    this.heading.replaceChildren(...withName(this.lang, 'widget.replyTo', name));
    this.cancel.hidden = false;
    const article = item.querySelector(':scope>article');
    item.insertBefore(this.element, article ? article.nextSibling : item.firstChild);
    this.fields.body.input.focus();
  }

  /** Puts the form back under the thread as a top-level comment form. */
  cancelReply(): void {
    this.parentId = undefined;
    this.heading.textContent = t(this.lang, 'widget.leaveReply');
    this.cancel.hidden = true;
    if (this.home) {
      this.home.parent.insertBefore(this.element, this.home.next);
      this.home = null;
    }
  }
}
