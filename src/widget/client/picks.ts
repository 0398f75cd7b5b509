// The thread's editors' picks, first in their own section: each pick's author, text and a link to it
// in the conversation below (where its replies stay), with its reaction button.
import type { PublicComment } from './api.js';
import { h, uid } from './dom.js';
import { t } from './i18n.js';
import { registerPlugin } from './plugins.js';

function pickItem(pick: PublicComment): HTMLLIElement {
  return h(
    'li',
    {},
    h('article', { 'aria-label': pick.authorName }, h('p', { class: 'nm' }, h('a', { href: `#comment-${pick.id}` }, h('bdi', {}, pick.authorName))), h('p', { class: 'bd', dir: 'auto' }, pick.body)),
  );
}

registerPlugin({
  afterLoad(scope, page) {
    if (page.picks.length === 0) return;
    const headingId = uid('picks');
    scope.lead(h('section', { class: 'pks', 'aria-labelledby': headingId }, h('h3', { id: headingId }, t(scope.lang, 'widget.picks')), h('ol', {}, ...page.picks.map(pickItem))));
  },
});
