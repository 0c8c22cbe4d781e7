import type { Config } from '../config/config';
import { AppError } from '../errors/app-errors';
import type { Principal } from '../services/api-key-service';
import type { Services } from '../services/services';
import { bearerToken } from './bearer-token';

/**
 * Who a request is, from its `Authorization: Bearer <key>` header: the one check GraphQL and the downloads share.
 * No header is anonymous (refused when SITREP_READ_KEYS_REQUIRED is on); an unknown or revoked key is refused, and
 * so is a header of any other form (`Basic …`, `Token …`, `Bearer` with no key): a client that meant to send a key
 * is told so, rather than quietly served as anonymous.
 */
export async function requestPrincipal(authorization: string | string[] | undefined, config: Config, services: Services): Promise<Principal | null> {
  const token = bearerToken(authorization);
  const header = Array.isArray(authorization) ? authorization.join(',') : authorization;
  if (token === null && header !== undefined && header.trim() !== '') {
    throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <key>"');
  }
  const principal = token === null ? null : await services.keys.authenticate(token);
  if (token !== null && principal === null) throw new AppError('UNAUTHENTICATED', 'The API key is unknown or revoked');
  if (config.readKeysRequired && principal === null) {
    throw new AppError('UNAUTHENTICATED', 'This server needs an API key for every request: send Authorization: Bearer <key>');
  }
  return principal;
}
