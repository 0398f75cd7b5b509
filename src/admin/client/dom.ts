import { append, h, uid, type Attributes, type Child } from '../../browser/dom.js';

export { h, uid };

/** Replaces all of an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A labelled form field: the label, then the control, wrapped so CSS can stack them. */
export function field(labelText: string, control: FormControl, hint?: Node): HTMLDivElement {
  if (!control.id) control.id = uid('field');
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hint ?? null);
}

/**
 * A plain button (type="button" so it never submits a form by accident). When its action returns a
 * promise, clicks are ignored until it settles (the button says aria-busy, and keeps the focus a
 * disabled one would lose): a second click would send the request again, or draw an older answer last.
 */
export function button(label: string, onClick: (event: MouseEvent) => unknown, attributes: Attributes = {}): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attributes }, label);
  let busy = false;
  element.addEventListener('click', (event) => {
    if (busy) return;
    const result = onClick(event);
    if (!(result instanceof Promise)) return;
    busy = true;
    element.setAttribute('aria-busy', 'true');
    const done = () => {
      busy = false;
      element.removeAttribute('aria-busy');
    };
    result.then(done, done);
  });
  return element;
}

/** An error line under a field, wired to it with aria-describedby and aria-invalid. */
export function fieldError(control: FormControl, hintId?: string) {
  const element = h('p', { class: 'field-error', id: uid('error') });
  const describe = (withError: boolean) => {
    const ids = [hintId, withError ? element.id : undefined].filter(Boolean).join(' ');
    if (ids) control.setAttribute('aria-describedby', ids);
    else control.removeAttribute('aria-describedby');
  };
  describe(false);
  return {
    element,
    show(message: string) {
      element.textContent = message;
      control.setAttribute('aria-invalid', 'true');
      describe(true);
    },
    clear() {
      element.textContent = '';
      control.removeAttribute('aria-invalid');
      describe(false);
    },
  };
}
