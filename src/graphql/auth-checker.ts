import type { AuthChecker } from 'type-graphql';
import { AppError } from '../errors/app-errors';
import type { GraphQLContext } from './context';

/**
 * `@Authorized('editor')` guards. No key (or an unknown or revoked one) is UNAUTHENTICATED; a key without the
 * role is FORBIDDEN. Throwing, rather than returning false, keeps the two apart for clients.
 */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) => {
  if (context.principal === null)
    throw new AppError('UNAUTHENTICATED', 'This operation needs an API key: send Authorization: Bearer <key>');
  if (roles.length > 0 && !roles.includes(context.principal.role)) {
    throw new AppError(
      'FORBIDDEN',
      `This operation needs a key with the ${roles.join(' or ')} role; this key is a ${context.principal.role} key`,
    );
  }
  return true;
};
