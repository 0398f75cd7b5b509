// SQLite has one writer, so units of work run one after another whatever we do, and a post's commit (its
// log frames, and every few dozen posts a checkpoint) was a fifth of its CPU. Units that wait for the writer
// together (those that came while it was busy, or in one turn of the event loop) share one transaction, each
// in a savepoint of its own, and one commit. See docs/decisions/0022-shared-commits.md.
import { Prisma } from '../generated/sqlite/client.js';
import { holdTurns, turnsEvery } from '../shared/next-turn.js';
import type { DbClient } from './client.js';

/** A unit's work in the shared transaction, on a client of its own; `afterOthers` when units before it wrote in that transaction. */
export type GroupedWork<T> = (tx: DbClient, afterOthers: boolean) => Promise<T>;

/** Opens one transaction; its body makes a client per unit, whose prepared statements run only while `working` says so. */
export type OpenShared = <T>(body: (clientFor: (working: () => boolean) => DbClient) => Promise<T>) => Promise<T>;

/** Where units wait for the next shared commit. */
export interface UnitGroups {
  /** Resolves with the work's value once the transaction it shared has committed; rejects, having changed nothing, if it failed. */
  join<T>(work: GroupedWork<T>): Promise<T>;
}

/** At most this many units share a commit. */
export const MOST_UNITS_PER_COMMIT = 32;
/** A group starts no unit after this long, so its transaction ends well inside Prisma's timeout (see unit-of-work.ts). */
export const GROUP_STARTS_WITHIN_MS = 1_000;

interface Waiting {
  work: GroupedWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Settles a unit once the shared transaction has ended: its own failure, or the group's if the commit failed. */
type Outcome = { unit: Waiting; value: unknown } | { unit: Waiting; error: unknown };

const savepoint = Prisma.sql`SAVEPOINT unit`;
const rollbackTo = Prisma.sql`ROLLBACK TO unit`;

/**
 * A group is taken when its transaction has opened: every unit that joined while the writer was busy (or in the same turn of
 * the event loop, when it was free) shares that commit. Nothing waits on a timer, so a lone unit is as quick as before.
 */
export function unitGroups(openShared: OpenShared): UnitGroups {
  const waiting: Waiting[] = [];
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void commitTogether());
  };

  /** A unit alone keeps its transaction to itself, so its failure rolls back exactly what it did, as it always has. */
  async function commitTogether(): Promise<void> {
    let taken: Waiting[] | undefined;
    const outcomes: Outcome[] = [];
    let started = 0;
    // Posts' checks wait until this commit is over: beside it they would stretch it, and find the writer's connection busy.
    const releaseTurns = holdTurns();
    try {
      await openShared(async (clientFor) => {
        scheduled = false;
        const group = waiting.splice(0, MOST_UNITS_PER_COMMIT);
        taken = group;
        started = group.length;
        if (waiting.length > 0) schedule();
        if (group.length === 1) {
          outcomes.push({ unit: group[0]!, value: await runUnit(clientFor, group[0]!, false, false) });
          return;
        }
        const startedAt = performance.now();
        // A unit's statements are synchronous on SQLite: a group that has held the event loop a while lets it turn
        // before its next unit, and a cached read that came meanwhile is answered then, not after the commit.
        const pause = turnsEvery();
        let wrote = false;
        for (const [index, unit] of group.entries()) {
          await pause();
          if (index > 0 && performance.now() - startedAt > GROUP_STARTS_WITHIN_MS) {
            // The rest go first in the next group.
            started = index;
            waiting.unshift(...group.slice(index));
            schedule();
            return;
          }
          // Each unit's savepoint opens inside the last one's and none is released (the commit ends them all): ROLLBACK TO
          // names the newest savepoint of that name, so it undoes exactly the unit that failed; releasing each cost 86 µs.
          const tx = clientFor(() => true);
          await tx.$executeRaw(savepoint);
          try {
            outcomes.push({ unit, value: await runUnit(clientFor, unit, wrote, true) });
            wrote = true;
          } catch (error) {
            outcomes.push({ unit, error });
            // If even this fails, the transaction is gone and the group fails.
            await tx.$executeRaw(rollbackTo);
          }
        }
      });
    } catch (error) {
      const ownFailures = new Map(outcomes.flatMap((outcome) => ('error' in outcome ? [[outcome.unit, outcome.error] as const] : [])));
      // The transaction never opened when no group was taken: every unit waiting for it fails, as it would have alone.
      const failed = taken ? taken.slice(0, started) : waiting.splice(0);
      if (!taken) scheduled = false;
      for (const unit of failed) unit.reject(ownFailures.get(unit) ?? error);
      return;
    } finally {
      releaseTurns();
    }
    for (const outcome of outcomes) {
      if ('error' in outcome) outcome.unit.reject(outcome.error);
      else outcome.unit.resolve(outcome.value);
    }
  }

  return {
    join: <T>(work: GroupedWork<T>) =>
      new Promise<T>((resolve, reject) => {
        waiting.push({ work: work as GroupedWork<unknown>, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      }),
  };
}

/**
 * Runs one unit on a client whose statements stop when the unit ends. Alone, Prisma refuses them once the transaction has
 * ended; sharing it, a straggling statement must not land in a neighbour's savepoint, so the client refuses it too.
 */
async function runUnit(clientFor: (working: () => boolean) => DbClient, unit: Waiting, afterOthers: boolean, shared: boolean): Promise<unknown> {
  let working = true;
  try {
    const client = clientFor(() => working);
    return await unit.work(shared ? endingWith(client, () => working) : client, afterOthers);
  } finally {
    working = false;
  }
}

const ended = () => Promise.reject(new Error('this unit of work has ended: its transaction goes on with other units'));

/** Calls through `client` (its raw statements and its models' methods) are refused once `working` is false. */
function endingWith(client: DbClient, working: () => boolean): DbClient {
  const guard = <O extends object>(target: O, depth: number): O =>
    new Proxy(target, {
      get: (object, property) => {
        const value: unknown = Reflect.get(object, property);
        if (typeof value === 'function') return (...args: unknown[]) => (working() ? Reflect.apply(value, object, args) : ended());
        // A model (`tx.comment`) is an object of methods.
        return depth === 0 && typeof value === 'object' && value !== null ? guard(value, 1) : value;
      },
    });
  return guard(client, 0);
}
