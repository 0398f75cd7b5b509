import type { DbClient } from '../db/client.js';
import { Prisma } from '../db/models.js';
import { readRows } from '../db/hot-sql.js';

/** Reads one stored settings document with its version, or null when it was never saved. */
export async function readSetting(db: DbClient, key: string): Promise<{ value: unknown; version: number } | null> {
  const [row] = await readRows<Array<{ value: unknown; version: number }>>(db, Prisma.sql`SELECT "value", "version" FROM "Setting" WHERE "key" = ${key}`);
  return row ? { value: row.value, version: Number(row.version) } : null;
}

/** The version of one stored settings document, or null when it was never saved: every post asks it of the policy, whose document (word lists included) it reads only when it changed. */
export async function readSettingVersion(db: DbClient, key: string): Promise<number | null> {
  const [row] = await readRows<Array<{ version: number }>>(db, Prisma.sql`SELECT "version" FROM "Setting" WHERE "key" = ${key}`);
  return row ? Number(row.version) : null;
}

/** Saves one settings document. */
export async function writeSetting(db: DbClient, key: string, value: Prisma.InputJsonValue, updatedBy: number | null, now: Date): Promise<void> {
  const change = { value, updatedBy, updatedAt: now };
  await db.setting.upsert({ where: { key }, create: { key, ...change }, update: { ...change, version: { increment: 1 } } });
}
