import type { AuthChecker } from 'type-graphql';
import { AppError } from '../../errors/app-errors';
import type { Principal } from '../../services/api-key-service';
import type { GraphQLContext } from './context';

/**
 * Refuses a caller without a key (or with an unknown or revoked one) as UNAUTHENTICATED, and one whose key lacks
 * every role of `roles` (none: any key will do) as FORBIDDEN. Throwing, rather than returning false, keeps the two
 * apart for clients.
 */
export function assertRole(principal: Principal | null, roles: readonly string[]): void {
  if (principal === null)
    throw new AppError('UNAUTHENTICATED', 'This operation needs an API key: send Authorization: Bearer <key>');
  if (roles.length > 0 && !roles.includes(principal.role)) {
    throw new AppError(
      'FORBIDDEN',
      `This operation needs a key with the ${roles.join(' or ')} role; this key is a ${principal.role} key`,
    );
  }
}

/** `@Authorized('editor')` guards (assertRole). */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) => {
  assertRole(context.principal, roles);
  return true;
};
