import { EntityManager, IsNull } from 'typeorm';
import { ApiKey } from '../../entities/api-key';

export class ApiKeyRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(key: ApiKey): Promise<void> {
    await this.manager.insert(ApiKey, key);
  }

  /** Oldest first. */
  list(): Promise<ApiKey[]> {
    return this.manager.find(ApiKey, { order: { createdAt: 'ASC' } });
  }

  /** Keys whose id, or the prefix a listing shows, is `idOrPrefix`. */
  byIdOrPrefix(idOrPrefix: string): Promise<ApiKey[]> {
    return this.manager.find(ApiKey, { where: [{ id: idOrPrefix }, { keyPrefix: idOrPrefix }] });
  }

  async setRevoked(id: string, revokedAt: string): Promise<void> {
    await this.manager.update(ApiKey, { id }, { revokedAt });
  }

  /** The key with this hash, unless revoked. */
  activeByHash(keyHash: string): Promise<ApiKey | null> {
    return this.manager.findOne(ApiKey, { where: { keyHash, revokedAt: IsNull() } });
  }
}
