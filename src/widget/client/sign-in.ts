// Reader sign-in with the site's own accounts (docs/sign-in.md). What readers see — "Signed in as …",
// "Sign out", the OpenID Connect button — loads with embed-extras.js (sign-in-panel.ts); this part, in
// the main bundle, only gives the panel a place in each form and keeps a guest's typed details out of
// a signed-in post (the account supplies the name). The token travels in `session` (api.ts).
import { session } from './api.js';
import { h } from './dom.js';
import { loadExtras } from './extras-loader.js';
import { registerPlugin } from './plugins.js';

registerPlugin({
  formFields(scope) {
    const slot = h('div');
    void loadExtras(scope.base).then((extras) => extras?.signIn(scope, slot, session));
    return slot;
  },
  beforeSubmit(draft) {
    if (session.token) for (const field of ['authorName', 'authorEmail', 'authorUrl', 'commenterKey'] as const) delete draft[field];
  },
});
