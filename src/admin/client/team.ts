// Moderator accounts in Tools: everyone's own password and, for admins, the list of accounts: add one, change its
// role, set a new password for someone who forgot theirs, take away the access of someone who left and give it back.
// The server keeps the last admin one.
import { MIN_PASSWORD_LENGTH } from '../../moderators/password-rules.js';
import { api, type ModeratorAccount, type ModeratorRole } from './api.js';
import { button, field, h, replace } from './dom.js';
import { explain, report } from './errors.js';
import { t } from './i18n.js';
import { announce } from './notice.js';

const ROLES: readonly ModeratorRole[] = ['moderator', 'admin'];

/** An email address inside a sentence, kept in its own direction (first-strong isolates). */
const isolated = (email: string) => `\u2068${email}\u2069`;

function roleSelect(chosen: ModeratorRole): HTMLSelectElement {
  const select = h('select', {}, ...ROLES.map((role) => h('option', { value: role }, t(`role.${role}`))));
  select.value = chosen;
  return select;
}

function newPasswordInput(required = false): HTMLInputElement {
  return h('input', { type: 'password', autocomplete: 'new-password', minlength: String(MIN_PASSWORD_LENGTH), dir: 'ltr', required });
}

/** A field for a password being chosen, with the rule it must meet. */
function choosePasswordField(label: string, input: HTMLInputElement): HTMLDivElement {
  return field(label, input, h('p', { class: 'hint' }, t('setup.passwordHint')));
}

/** Says why the server refused a form (nothing when the session ended: the login form says that). */
function announceRefusal(error: unknown): void {
  const message = explain(error);
  if (message) announce(t('tools.invalid', { detail: message }));
}

/** Runs one change, says what it did, and draws the list again. */
async function apply(list: HTMLElement, request: Promise<{ moderator: ModeratorAccount }>, done: (account: ModeratorAccount) => string): Promise<void> {
  try {
    const { moderator } = await request;
    announce(done(moderator));
    await drawAccounts(list);
  } catch (error) {
    announceRefusal(error);
  }
}

function accountRow(list: HTMLElement, account: ModeratorAccount): HTMLElement {
  const who = { email: isolated(account.email) };
  const role = roleSelect(account.role);
  const password = newPasswordInput();
  const saveRole = button(t('team.saveRole'), () =>
    apply(list, api.changeModerator(account.id, { role: role.value as ModeratorRole }), (changed) => t('team.roleSaved', { ...who, role: t(`role.${changed.role}`) })),
  );
  const setPassword = button(t('team.setPassword'), () =>
    apply(list, api.changeModerator(account.id, { password: password.value }), () => t('team.passwordSet', who)),
  );
  const access = account.disabled
    ? button(t('team.enable'), () => apply(list, api.changeModerator(account.id, { disabled: false }), () => t('team.enabled', who)))
    : button(t('team.disable'), () => apply(list, api.changeModerator(account.id, { disabled: true }), () => t('team.disabled', who)));
  return h(
    'li',
    { class: 'team-account' },
    h('p', {}, h('bdi', { dir: 'ltr' }, account.email), ' · ', t(`role.${account.role}`), account.disabled ? ' · ' : null, account.disabled ? h('span', { class: 'badge rejected' }, t('team.noAccess')) : null),
    h('div', { class: 'team-controls' }, field(t('team.role'), role), saveRole, field(t('team.newPassword'), password), setPassword, access),
  );
}

async function drawAccounts(list: HTMLElement): Promise<void> {
  const { items } = await api.moderators();
  replace(list, ...items.map((account) => accountRow(list, account)));
}

/** The team section of Tools, for admins. */
export function teamSection(): HTMLElement {
  const list = h('ul', { class: 'team', 'aria-labelledby': 'team-heading' });
  const email = h('input', { type: 'email', required: true, autocomplete: 'off', dir: 'ltr' });
  const password = newPasswordInput(true);
  const role = roleSelect('moderator');
  const addForm = h(
    'form',
    { class: 'tool', 'aria-labelledby': 'team-add-heading' },
    h('h3', { id: 'team-add-heading' }, t('team.addHeading')),
    field(t('team.email'), email),
    choosePasswordField(t('team.password'), password),
    field(t('team.role'), role),
    h('button', { type: 'submit' }, t('team.add')),
  );
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void apply(list, api.addModerator(email.value.trim(), password.value, role.value as ModeratorRole), (added) => {
      addForm.reset();
      return t('team.added', { email: isolated(added.email), role: t(`role.${added.role}`) });
    });
  });
  drawAccounts(list).catch(report);
  return h('section', { class: 'team-section', 'aria-labelledby': 'team-heading' }, h('h2', { id: 'team-heading' }, t('team.heading')), h('p', {}, t('team.intro')), addForm, list);
}

/** A moderator's own password: the current one, then the new one; the account's other sessions end. */
export function ownPasswordForm(): HTMLFormElement {
  const current = h('input', { type: 'password', required: true, autocomplete: 'current-password', dir: 'ltr' });
  const next = newPasswordInput(true);
  const form = h(
    'form',
    { class: 'tool', 'aria-labelledby': 'own-password-heading' },
    h('h2', { id: 'own-password-heading' }, t('team.ownHeading')),
    field(t('team.currentPassword'), current),
    choosePasswordField(t('team.newPassword'), next),
    h('button', { type: 'submit' }, t('team.ownSave')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.changeOwnPassword(current.value, next.value);
      form.reset();
      announce(t('team.ownSaved'));
    } catch (error) {
      announceRefusal(error);
    }
  });
  return form;
}
