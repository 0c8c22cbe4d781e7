import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { ApiKey, ApiKeyRole } from '../entities/api-key';
import { LIMITS } from '../entities/limits';
import { badInput, notFound } from '../errors/app-errors';
import * as check from '../validation/checks';

export interface Principal {
  keyId: string;
  name: string;
  role: ApiKeyRole;
}

const KEY_PREFIX = 'sitrep_';
const ROLES: readonly ApiKeyRole[] = ['reader', 'editor'];

/** Keys carry 256 random bits, so one SHA-256 is a safe and fast way to store them: no dictionary to guess from. */
const hashKey = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export class ApiKeyService {
  constructor(private readonly db: Database) {}

  /** Creates a key; the secret is returned here once and never stored. */
  async create(name: string, role: string): Promise<{ key: ApiKey; secret: string }> {
    const cleanName = check.text(name, 'name', LIMITS.apiKeyName);
    const cleanRole = check.oneOf(role, 'role', ROLES);
    const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const key: ApiKey = {
      id: randomUUID(),
      name: cleanName,
      role: cleanRole,
      keyHash: hashKey(secret),
      keyPrefix: secret.slice(0, KEY_PREFIX.length + 6),
      createdAt: new Date().toISOString(),
      revokedAt: null,
    };
    await this.db.write((tx) => tx.apiKeys.insert(key));
    return { key, secret };
  }

  list(): Promise<ApiKey[]> {
    return this.db.read.apiKeys.list();
  }

  /** Revokes by id or by the prefix a listing shows. */
  async revoke(idOrPrefix: string): Promise<ApiKey> {
    return this.db.write(async (tx) => {
      const matches = await tx.apiKeys.byIdOrPrefix(idOrPrefix);
      if (matches.length === 0) throw notFound(`API key ${idOrPrefix}`, 'key');
      if (matches.length > 1) throw badInput('key', `${idOrPrefix} matches ${matches.length} keys; use the id`);
      const key = matches[0];
      if (key.revokedAt === null) {
        key.revokedAt = new Date().toISOString();
        await tx.apiKeys.setRevoked(key.id, key.revokedAt);
      }
      return key;
    });
  }

  /** The principal a bearer secret stands for; null for an unknown or revoked key. */
  async authenticate(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(KEY_PREFIX) || secret.length > 200) return null;
    // Runs before any resolver (in the GraphQL context and the download routes), where a raw driver error would
    // answer 500: a database that cannot be reached is UNAVAILABLE instead.
    const key = await this.db.read.apiKeys.activeByHash(hashKey(secret)).catch((error: unknown) => {
      throw this.db.asAppError(error);
    });
    return key === null ? null : { keyId: key.id, name: key.name, role: key.role };
  }
}
