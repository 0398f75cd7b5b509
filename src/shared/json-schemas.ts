import { z } from 'zod';

/**
 * A moment as every response carries it: `Date.toISOString()`, UTC. Described by its format rather
 * than zod's ISO pattern, which would put a 300-character regular expression into the API reference.
 */
export const timestampSchema = z.string().meta({ format: 'date-time' });

/**
 * The largest row id: Prisma's `Int` is PostgreSQL's `integer`. A larger id names no row, and PostgreSQL refuses to
 * compare the column with one (an error, where SQLite finds nothing), so every id a client sends stops here.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** A row id (database ids start at 1). */
export const idSchema = z.number().int().min(1).max(MAX_ROW_ID);

/** A row id in a query string (the cursor of a page ordered by id). */
export const queryIdSchema = z.coerce.number().int().min(1).max(MAX_ROW_ID);

/** The row id a cursor's digits name, or null when no row can have it. */
export function rowIdOf(digits: string): number | null {
  const id = Number(digits);
  return Number.isInteger(id) && id >= 0 && id <= MAX_ROW_ID ? id : null;
}

/**
 * A row id as a URL path writes it: decimal digits, no sign, no leading zero. Number() would also read `0x10`, `1e1`,
 * `+16` or ` 16` as an id, giving one comment many addresses.
 */
export const pathIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/)
  .transform(Number)
  .pipe(z.number().int().max(MAX_ROW_ID));

/** The path parameters of a route that names one row by id. */
export const idParamsSchema = z.object({ id: pathIdSchema });

/** A count of things. */
export const countSchema = z.number().int().min(0);

/** A page of a list, newest first; `nextCursor` is the `cursor` of the next page, null on the last. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A confirmation for the reader, in the language of the request. */
export const readerNoticeSchema = z.object({ message: z.string() }).meta({ id: 'ReaderNotice' });
