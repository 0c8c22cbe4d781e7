import type { Config } from '../config/config';
import { AppError } from '../errors/app-errors';
import type { Principal } from '../services/api-key-service';
import type { Services } from '../services/services';
import { bearerToken } from './bearer-token';

/**
 * Who a request is, from its `Authorization: Bearer <key>` header: the one check GraphQL and the downloads share.
 * No header is anonymous (refused when SITREP_READ_KEYS_REQUIRED is on); a malformed header (bearerToken) or an
 * unknown or revoked key is refused.
 */
export async function requestPrincipal(
  authorization: string | string[] | undefined,
  config: Config,
  services: Services,
): Promise<Principal | null> {
  const token = bearerToken(authorization);
  const principal = token === null ? null : await services.keys.authenticate(token);
  if (token !== null && principal === null) throw new AppError('UNAUTHENTICATED', 'The API key is unknown or revoked');
  if (config.readKeysRequired && principal === null) {
    throw new AppError(
      'UNAUTHENTICATED',
      'This server needs an API key for every request: send Authorization: Bearer <key>',
    );
  }
  return principal;
}
