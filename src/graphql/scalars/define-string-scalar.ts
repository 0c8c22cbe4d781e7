import { ASTNode, GraphQLError, GraphQLScalarType, Kind } from 'graphql';

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
  // `node`: the literal at fault, for the error's location (a variable's error is located at the variable).
  const check = (value: unknown, node?: ASTNode): string => {
    const parsed = typeof value === 'string' ? parse(value) : null;
    if (parsed === null) {
      throw new GraphQLError(`${name} must be ${expected}, got ${JSON.stringify(value)}`, {
        nodes: node,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return parsed;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => check(value),
    parseValue: (value) => check(value),
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) {
        throw new GraphQLError(`${name} must be a string: ${expected}`, {
          nodes: ast,
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return check(ast.value, ast);
    },
  });
}
