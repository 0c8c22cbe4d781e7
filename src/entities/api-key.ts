import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LIMITS } from './limits';

export type ApiKeyRole = 'reader' | 'editor';

/** An API key, stored only as a SHA-256 hash of the secret; the secret is shown once, at creation. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  @Column({ type: 'varchar', length: LIMITS.apiKeyName })
  name: string;

  @Column({ type: 'varchar', length: LIMITS.apiKeyRole })
  role: ApiKeyRole;

  @Index({ unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: LIMITS.sha256Hex })
  keyHash: string;

  /** The first characters of the key, so a listing can tell keys apart without revealing them. */
  @Column({ name: 'key_prefix', type: 'varchar', length: LIMITS.apiKeyPrefix })
  keyPrefix: string;

  @Column({ name: 'created_at', type: 'varchar', length: LIMITS.instant })
  createdAt: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: LIMITS.instant, nullable: true })
  revokedAt: string | null;
}
