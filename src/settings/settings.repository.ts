import type { DbClient } from '../db/client.js';
import type { Prisma } from '../db/models.js';

/** Reads one stored settings document with its version, or null when it was never saved. */
export async function readSetting(db: DbClient, key: string): Promise<{ value: unknown; version: number } | null> {
  const row = await db.setting.findUnique({ where: { key }, select: { value: true, version: true } });
  return row ? { value: row.value, version: row.version } : null;
}

/** Saves one settings document. */
export async function writeSetting(db: DbClient, key: string, value: Prisma.InputJsonValue, updatedBy: number | null, now: Date): Promise<void> {
  const change = { value, updatedBy, updatedAt: now };
  await db.setting.upsert({ where: { key }, create: { key, ...change }, update: { ...change, version: { increment: 1 } } });
}
