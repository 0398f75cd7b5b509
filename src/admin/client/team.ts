// Moderator accounts in Tools: everyone's own password and, for admins, the list of accounts: add one, change its
// role, set a new password for someone who forgot theirs, take away the access of someone who left and give it back.
// The server keeps the last admin one.
import { MIN_PASSWORD_LENGTH } from '../../moderators/password-rules.js';
import { api, ApiError, type ModeratorAccount, type ModeratorRole } from './api.js';
import { button, field, h, replace, uid } from './dom.js';
import { explain, report } from './errors.js';
import { t } from './i18n.js';
import { announce } from './notice.js';
import { readSession, saveSession } from './session.js';

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

/**
 * Says why the server refused a form, in the field rules' own words: these forms have one field of each kind, so the
 * API's field names would only put English identifiers in the sentence. Nothing when the session ended (the login
 * form says that).
 */
function announceRefusal(error: unknown): void {
  const rules = error instanceof ApiError ? (error.problem?.errors ?? []).map((field) => field.message) : [];
  const message = rules.length > 0 ? rules.join(' ') : explain(error);
  if (message) announce(t('tools.invalid', { detail: message }));
}

/** What redraws the page when the signed-in admin changed their own role (the team is for admins only). */
export type OwnRoleChanged = () => void;

/** After a change to the signed-in moderator's own account: the stored session takes its new role, and the page follows. */
function followOwnAccount(changed: ModeratorAccount, ownRoleChanged: OwnRoleChanged): boolean {
  const session = readSession();
  if (!session || session.moderator.id !== changed.id || session.moderator.role === changed.role) return false;
  saveSession({ ...session, moderator: { ...session.moderator, role: changed.role } });
  ownRoleChanged();
  return true;
}

/** Where a change came from, so the focus returns there once the list is drawn again. */
interface Origin {
  accountId: number;
  control: string;
}

interface Team {
  list: HTMLElement;
  ownRoleChanged: OwnRoleChanged;
}

/** Runs one change, says what it did, and draws the list again with the focus back where it was. */
async function apply(team: Team, request: Promise<{ moderator: ModeratorAccount }>, done: (account: ModeratorAccount) => string, origin?: Origin): Promise<void> {
  try {
    const { moderator } = await request;
    const message = done(moderator);
    if (!followOwnAccount(moderator, team.ownRoleChanged)) {
      await drawAccounts(team);
      if (origin) team.list.querySelector<HTMLElement>(`[data-account="${origin.accountId}"] [data-control="${origin.control}"]`)?.focus();
    }
    announce(message);
  } catch (error) {
    announceRefusal(error);
  }
}

function accountRow(team: Team, account: ModeratorAccount, own: boolean): HTMLElement {
  const who = { email: isolated(account.email) };
  const emailId = uid('account');
  // Every row has the same controls: each names its account, for a screen reader's list of buttons and fields.
  const named = (label: string, control: string) => ({ 'aria-label': `${label} — ${account.email}`, 'data-control': control });
  const role = roleSelect(account.role);
  role.setAttribute('aria-describedby', emailId);
  role.dataset.control = 'role';
  const password = newPasswordInput();
  password.setAttribute('aria-describedby', emailId);
  password.dataset.control = 'password';
  const change = (body: Parameters<typeof api.changeModerator>[1], control: string, done: (changed: ModeratorAccount) => string) =>
    apply(team, api.changeModerator(account.id, body), done, { accountId: account.id, control });
  const saveRole = button(t('team.saveRole'), () => change({ role: role.value as ModeratorRole }, 'saveRole', (changed) => t('team.roleSaved', { ...who, role: t(`role.${changed.role}`) })), named(t('team.saveRole'), 'saveRole'));
  const setPassword = button(t('team.setPassword'), () => change({ password: password.value }, 'setPassword', () => t('team.passwordSet', who)), named(t('team.setPassword'), 'setPassword'));
  // One's own access is not taken away here: another admin does that (a click would leave no way back in).
  const [accessLabel, accessDone] = account.disabled ? (['team.enable', 'team.enabled'] as const) : (['team.disable', 'team.disabled'] as const);
  const access = own ? null : button(t(accessLabel), () => change({ disabled: !account.disabled }, 'access', () => t(accessDone, who)), named(t(accessLabel), 'access'));
  return h(
    'li',
    { class: 'team-account', 'data-account': String(account.id) },
    h('p', {}, h('bdi', { dir: 'ltr', id: emailId }, account.email), ' · ', t(`role.${account.role}`), account.disabled ? ' · ' : null, account.disabled ? h('span', { class: 'badge rejected' }, t('team.noAccess')) : null),
    h('div', { class: 'team-controls' }, field(t('team.role'), role), saveRole, field(t('team.newPassword'), password), setPassword, access),
  );
}

async function drawAccounts(team: Team): Promise<void> {
  const { items } = await api.moderators();
  const ownId = readSession()?.moderator.id;
  replace(team.list, ...items.map((account) => accountRow(team, account, account.id === ownId)));
}

/** The team section of Tools, for admins. */
export function teamSection(ownRoleChanged: OwnRoleChanged): HTMLElement {
  const list = h('ul', { class: 'team', 'aria-labelledby': 'team-heading' });
  const team: Team = { list, ownRoleChanged };
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
    void apply(team, api.addModerator(email.value.trim(), password.value, role.value as ModeratorRole), (added) => {
      addForm.reset();
      return t('team.added', { email: isolated(added.email), role: t(`role.${added.role}`) });
    });
  });
  drawAccounts(team).catch(report);
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
