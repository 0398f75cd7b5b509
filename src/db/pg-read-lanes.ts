// PostgreSQL's prepared reads outside a transaction (a post's checks above all) go down a few connections of their
// own in pipeline mode: a read is sent at once, behind those still on the wire, instead of taking a pool connection,
// waiting for its answer and giving it back. On 2 cores that was about +8 % accepted posts in ten alternated pairs,
// with less PostgreSQL CPU per post (docs/decisions/0020-prepared-hot-path.md, addendum "PostgreSQL's prepared reads on pipelined connections").
import type pg from 'pg';

/** Reads are spread over this many connections: a slow read (a long thread's page) holds up only the reads behind it on its own. */
export const READ_LANES = 2;

export interface ReadLanes {
  /** Runs one read on the lane with the fewest reads on the wire, opening it first if it is not open. */
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
  /** Ends every lane; reads after this fail. */
  close(): Promise<void>;
}

interface Lane {
  connected: Promise<pg.Client>;
  onTheWire: number;
}

/** `openClient` makes an unconnected client in pipeline mode, on the same database as Prisma's pool. */
export function readLanes(openClient: () => pg.Client): ReadLanes {
  const lanes: Array<Lane | undefined> = Array.from({ length: READ_LANES }, () => undefined);
  let closed = false;

  const open = (index: number): Lane => {
    const client = openClient();
    const lane: Lane = { connected: client.connect().then(() => client), onTheWire: 0 };
    // A connection the server ends (a restart, a dropped database) fails the reads on it; the next read opens another.
    const drop = () => {
      if (lanes[index] === lane) lanes[index] = undefined;
    };
    client.on('error', drop);
    client.on('end', drop);
    lane.connected.catch(drop);
    lanes[index] = lane;
    return lane;
  };

  const leastBusy = (): Lane => {
    let best: Lane | undefined;
    for (const [index, lane] of lanes.entries()) {
      if (!lane) return open(index);
      if (!best || lane.onTheWire < best.onTheWire) best = lane;
    }
    return best ?? open(0);
  };

  return {
    async query(config) {
      if (closed) throw new Error('the database connection is closed');
      const lane = leastBusy();
      lane.onTheWire += 1;
      try {
        return await (await lane.connected).query(config);
      } finally {
        lane.onTheWire -= 1;
      }
    },
    async close() {
      closed = true;
      const ending = lanes.map((lane) => lane?.connected.then((client) => client.end(), () => undefined));
      lanes.fill(undefined);
      await Promise.all(ending);
    },
  };
}
