/**
 * Lets the event loop answer what is waiting (other requests, timers) before long work goes on. Inside a
 * transaction too: on SQLite other requests' statements wait for it to end (src/db/sqlite-root-statements.ts),
 * and so do other transactions, for at most Prisma's `maxWait` (2 s), so a transaction stays short whatever it yields.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The longest that long work goes on in one turn of the event loop: what a cached read may wait behind it. */
export const WORK_MS_PER_TURN = 5;

/**
 * For one long loop inside a transaction (a shared commit, a bulk decision), which must not wait for others' work: the
 * returned function gives the event loop a turn once `ms` of its own work have passed since the last one, and returns at
 * once otherwise. Time, not a count, bounds the wait of a request behind the loop, however fast the machine and however
 * long each step.
 */
export function turnsEvery(ms = WORK_MS_PER_TURN): () => Promise<void> {
  let workingSince = performance.now();
  return async () => {
    if (performance.now() - workingSince < ms) return;
    await nextTurn();
    workingSince = performance.now();
  };
}

/** The turn that long work shares (see `shareTurn`). */
const turn = {
  /** When the work of the current turn began. */
  startedAt: -Infinity,
  /** Whether the current turn's count has started: the first step in a turn starts it, and a turn later it ends. */
  open: false,
  /** When the first step that came afresh began to wait, if none has resumed since: work done in this turn before. */
  firstWaitAt: undefined as number | undefined,
  /** Shared commits under way (`holdTurns`). */
  holders: 0,
};

/**
 * The steps waiting for a turn, first come first served. A step that found the turn spent used to wait for the next
 * turn on its own and check again; a newer step could then go first, turn after turn, and under a burst of posts a few
 * waited seconds (0.5-3.2 s at 50 connections) while the others were answered in tens of milliseconds.
 */
const waiting: Array<() => void> = [];
/** Whether callbacks that let waiting steps go are queued for the next turn. */
let lettingGo = false;

/**
 * Called before each step of work that many requests may do at once outside a transaction (a post's checks, a comment
 * of a policy preview): it returns at once while the steps run in this turn of the event loop, by all requests
 * together, have taken less than `WORK_MS_PER_TURN` and no step waits, and waits for a later turn otherwise, or while
 * a shared commit holds the turns (`holdTurns`). So a request that came meanwhile (a cached read) waits for one turn's
 * steps, not for every step of every request: 32 posts arriving together share one budget, where a count per post would
 * give each its own. Waiting steps go on in the order they came.
 */
export async function shareTurn(): Promise<void> {
  if (turn.holders === 0 && waiting.length === 0) {
    // Nothing shares this turn yet and nothing waits: the step starts the turn's count, with no turn to wait for.
    if (!turn.open && turn.firstWaitAt === undefined) openTurn(performance.now());
    if (!turnSpent()) return;
  }
  // A post parsed in the poll phase that has to wait: the requests parsed after it took that turn's time too.
  if (turnSpent()) turn.firstWaitAt ??= performance.now();
  await new Promise<void>((resolve) => {
    waiting.push(resolve);
    letStepsGoSoon();
  });
}

const turnSpent = () => performance.now() - turn.startedAt >= WORK_MS_PER_TURN;

/**
 * Queues one callback per waiting step for the next turn. Each lets the first waiting step go if the turn has time left;
 * the step's own work (its statements are answered in microtasks on SQLite) runs before the next callback looks at the
 * time. The last callback queues more while steps still wait.
 */
function letStepsGoSoon(): void {
  if (lettingGo || turn.holders > 0 || waiting.length === 0) return;
  lettingGo = true;
  const callbacks = waiting.length;
  for (let callback = 1; callback <= callbacks; callback += 1) setImmediate(() => letFirstStepGo(callback === callbacks));
}

/** One of those callbacks: lets the first waiting step go unless a commit holds the turns or the turn is spent. */
function letFirstStepGo(last: boolean): void {
  if (turn.holders === 0 && waiting.length > 0) {
    if (!turn.open) {
      openTurn(turn.firstWaitAt ?? performance.now());
      turn.firstWaitAt = undefined;
    }
    if (!turnSpent()) waiting.shift()?.();
  }
  if (!last) return;
  lettingGo = false;
  letStepsGoSoon();
}

/** Starts the shared turn's count, and ends it once this turn of the event loop is over. */
function openTurn(startedAt: number): void {
  turn.open = true;
  turn.startedAt = startedAt;
  // Queued before the callbacks that let steps go in the next turn, so it ends this turn before they look.
  setImmediate(() => {
    turn.open = false;
  });
}

/**
 * Holds the steps of `shareTurn` while a shared commit (src/db/unit-group.ts) is under way, from the moment it is taken
 * to its commit or rollback; they go on once the returned function is called. The commit lets the event loop turn by a
 * budget of its own (`turnsEvery`), so its turns answer reads, and the steps (a post's checks) do not run beside it and
 * stretch it. A commit may wait for the writer while it holds them, so no work inside any transaction may call
 * `shareTurn`: it could wait for a commit that waits for it.
 */
export function holdTurns(): () => void {
  turn.holders += 1;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    turn.holders -= 1;
    letStepsGoSoon();
  };
}
