import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * A string scalar whose values are checked by `parse` on the way in and on the way out.
 * Invalid input carries the BAD_USER_INPUT code so clients can tell it from a server fault.
 */
export function defineStringScalar(
  name: string,
  description: string,
  parse: (value: string) => string | null,
  expected: string,
): GraphQLScalarType<string, string> {
  const check = (value: unknown): string => {
    const parsed = typeof value === 'string' ? parse(value) : null;
    if (parsed === null) {
      throw new GraphQLError(`${name} must be ${expected}, got ${JSON.stringify(value)}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parsed;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: check,
    parseValue: check,
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) {
        throw new GraphQLError(`${name} must be a string: ${expected}`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return check(ast.value);
    },
  });
}
