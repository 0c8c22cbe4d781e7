import { randomUUID } from 'node:crypto';
import { EntityManager, ObjectLiteral } from 'typeorm';
import { ChangeLogEntry } from '../../entities/change-log';

type ReferenceType = 'region' | 'leader' | 'actor' | 'front';

/**
 * Inserts a reference record or updates the stored one with the same slug, logging the change so the data's
 * revision moves. A record that would not change is left alone: seeding twice changes nothing.
 */
export async function upsertBySlug<T extends ObjectLiteral & { id: string; slug: string }>(
  manager: EntityManager,
  target: new () => T,
  entityType: ReferenceType,
  values: Omit<T, 'id'>,
): Promise<{ record: T; changed: boolean }> {
  const existing = await manager.findOne(target, { where: { slug: values.slug } as never });
  const changed = existing === null || Object.entries(values).some(([key, value]) => JSON.stringify(existing[key]) !== JSON.stringify(value));
  const record = { ...values, id: existing?.id ?? randomUUID() } as unknown as T;
  if (!changed) return { record: existing!, changed };
  if (existing === null) await manager.insert(target, record);
  else await manager.update(target, { id: existing.id } as never, values as never);
  await manager.insert(ChangeLogEntry, {
    entityType, entityId: record.id, action: existing === null ? 'CREATED' : 'UPDATED', changedAt: new Date().toISOString(),
    title: values.slug, dateStart: null, dateEnd: null, frontSlugs: null,
  });
  return { record, changed };
}
