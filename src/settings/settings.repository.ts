import type { DbClient } from '../db/client.js';
import type { Prisma } from '../db/models.js';

/** Reads one stored settings document, or null when it was never saved. */
export async function readSetting(db: DbClient, key: string): Promise<{ value: unknown; updatedAt: Date } | null> {
  const row = await db.setting.findUnique({ where: { key } });
  return row ? { value: row.value, updatedAt: row.updatedAt } : null;
}

/** Saves one settings document. */
export async function writeSetting(db: DbClient, key: string, value: Prisma.InputJsonValue, updatedBy: number | null, now: Date): Promise<void> {
  const change = { value, updatedBy, updatedAt: now };
  await db.setting.upsert({ where: { key }, create: { key, ...change }, update: change });
}
