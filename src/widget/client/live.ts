// Live updates (see live-stream.ts, loaded on demand as embed-extras.js after the first page is
// shown): this part, in the main bundle, keeps track of the comments on screen and starts and stops
// the stream per thread. Where the extras cannot load, the thread simply stays as first shown.
import { loadExtras } from './extras-loader.js';
import { ownCommentMoved } from './own-comments.js';
import { registerPlugin, type ThreadScope } from './plugins.js';
import { showReactionCount } from './reactions.js';

// The comments each thread shows (kept as plugins draw them), and how to stop its updates.
const shownItems = new WeakMap<ThreadScope, Map<number, HTMLElement>>();
const stops = new WeakMap<ThreadScope, () => void>();

registerPlugin({
  decorate({ comment, item }, scope) {
    const items = shownItems.get(scope) ?? new Map<number, HTMLElement>();
    shownItems.set(scope, items.set(comment.id, item));
  },
  // Not awaited: the thread is usable while the stream's code loads.
  afterLoad(scope) {
    stops.get(scope)?.();
    let stopped = false;
    let stop = (): void => {
      stopped = true;
    };
    stops.set(scope, () => stop());
    void loadExtras(scope.base).then((extras) => {
      // A new first page (another order) drawn while the extras loaded starts its own stream.
      if (extras && !stopped) stop = extras.startLive(scope, {
          shown: (id) => !!shownItems.get(scope)?.get(id)?.isConnected,
          showReactionCount,
          ownCommentMoved: (id) => ownCommentMoved(scope, id),
        });
    });
  },
});
