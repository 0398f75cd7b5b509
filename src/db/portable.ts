// Why the PostgreSQL client may serve code written against the SQLite client's API.
//
// Prisma generates one client per provider from the same model. Their runtime APIs are the same,
// but TypeScript sees two unrelated sets of generic declarations (a union of them cannot even be
// called), so repositories are typed against one of them. That is sound only while the two clients
// agree on everything a repository reads or writes: the rows and enums checked below. A model
// change that made them differ fails the type check here; behaviour is covered by running every
// suite on both databases. Provider-only features (PostgreSQL's `mode: 'insensitive'`, say) stay
// out of shared code: `Database.client` keeps each client's own type for code that needs one.
import type * as Sqlite from '../generated/sqlite/client.js';
import type * as Postgres from '../generated/postgresql/client.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type RowsAgree<Name extends keyof Sqlite.Prisma.TypeMap['model'] & keyof Postgres.Prisma.TypeMap['model']> = Same<
  Sqlite.Prisma.TypeMap['model'][Name]['payload']['scalars'],
  Postgres.Prisma.TypeMap['model'][Name]['payload']['scalars']
>;
type ModelName = Sqlite.Prisma.ModelName;

/** True only when every model's columns and every enum are identical in both generated clients. */
type ClientsAgree = [
  Same<ModelName, Postgres.Prisma.ModelName>,
  { [Name in ModelName]: RowsAgree<Name> }[ModelName],
  Same<Sqlite.CommentStatus, Postgres.CommentStatus>,
  Same<Sqlite.AuthorStatus, Postgres.AuthorStatus>,
  Same<Sqlite.ModeratorRole, Postgres.ModeratorRole>,
  Same<Sqlite.DeliveryStatus, Postgres.DeliveryStatus>,
  Same<Sqlite.FlagReason, Postgres.FlagReason>,
] extends true[]
  ? true
  : false;

const clientsAgree: ClientsAgree = true;

/** The PostgreSQL client as the shared repository API; see the proof above for why this holds. */
export function asPortableClient(client: Postgres.PrismaClient): Sqlite.PrismaClient {
  void clientsAgree;
  return client as unknown as Sqlite.PrismaClient;
}
