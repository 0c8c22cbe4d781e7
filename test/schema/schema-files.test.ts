import fs from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  GraphQLSchema,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  SelectionSetNode,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { getSchema, printPossibleTypes, printSdl } from '../../src/graphql/schema';

const SCHEMA_DIR = path.join(__dirname, '..', '..', 'schema');

describe('committed schema files', () => {
  it('schema/schema.graphql is exactly what the code generates (run `npm run schema:write` after a change)', async () => {
    expect(fs.readFileSync(path.join(SCHEMA_DIR, 'schema.graphql'), 'utf8')).toBe(await printSdl());
  });

  it('schema/possible-types.json is exactly what the code generates, Speaker with its members', async () => {
    const committed = fs.readFileSync(path.join(SCHEMA_DIR, 'possible-types.json'), 'utf8');
    expect(committed).toBe(await printPossibleTypes());
    expect(JSON.parse(committed)).toMatchObject({ Speaker: ['Actor', 'Leader'] });
  });

  const operations = fs.readdirSync(path.join(SCHEMA_DIR, 'operations')).filter((f) => f.endsWith('.graphql'));

  it('has example operations', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it.each(operations)('schema/operations/%s validates against the schema', async (file) => {
    const document = parse(fs.readFileSync(path.join(SCHEMA_DIR, 'operations', file), 'utf8'));
    expect(validate(await getSchema(), document).map((e) => e.message)).toEqual([]);
  });

  /**
   * Selection sets on a type with an `id` that do not select it (directly, or through a fragment on the same
   * type): clients' caches cannot normalise what they return, so a list goes stale after a mutation.
   */
  function selectionsWithoutId(schema: GraphQLSchema, text: string): string[] {
    const document = parse(text);
    const fragments = new Map(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
    );
    /** Whether a selection on an object type of `typeName` reaches `id`, through fragments that apply to it. */
    const appliesTo = (condition: string | undefined, typeName: string): boolean => {
      if (condition === undefined || condition === typeName) return true;
      const type = schema.getType(condition);
      return isAbstractType(type) && schema.getPossibleTypes(type).some((t) => t.name === typeName);
    };
    const selectsId = (set: SelectionSetNode, typeName: string): boolean =>
      set.selections.some((s) => {
        if (s.kind === Kind.FIELD) return s.name.value === 'id' && s.alias === undefined;
        if (s.kind === Kind.INLINE_FRAGMENT) {
          return appliesTo(s.typeCondition?.name.value, typeName) && selectsId(s.selectionSet, typeName);
        }
        const fragment = fragments.get(s.name.value);
        return (
          fragment !== undefined &&
          appliesTo(fragment.typeCondition.name.value, typeName) &&
          selectsId(fragment.selectionSet, typeName)
        );
      });
    const missing: string[] = [];
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          if (node.selectionSet === undefined) return;
          const type = getNamedType(typeInfo.getType());
          const objects = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
          for (const object of objects) {
            if ('id' in object.getFields() && !selectsId(node.selectionSet, object.name)) {
              missing.push(`${object.name} at line ${node.loc?.startToken.line}`);
            }
          }
        },
      }),
    );
    return missing;
  }

  it.each(operations)('schema/operations/%s selects `id` on every type that has one', async (file) => {
    const text = fs.readFileSync(path.join(SCHEMA_DIR, 'operations', file), 'utf8');
    expect(selectionsWithoutId(await getSchema(), text)).toEqual([]);
  });

  it('the id check sees a missing id, also inside a union member and through a fragment', async () => {
    const schema = await getSchema();
    expect(selectionsWithoutId(schema, '{ fronts { slug } }')).toEqual(['Front at line 1']);
    expect(
      selectionsWithoutId(
        schema,
        '{ event(id: "x") { id quotes { id speaker { ... on Leader { slug } ... on Actor { id } } } } }',
      ),
    ).toEqual(['Leader at line 1']);
    expect(selectionsWithoutId(schema, 'query { fronts { ...F } } fragment F on Front { id slug }')).toEqual([]);
    expect(selectionsWithoutId(schema, 'query { fronts { ...F } } fragment F on Front { slug }')).toEqual([
      'Front at line 1',
    ]);
  });

  it('every operation name is unique across the example files', () => {
    const names = operations.flatMap((file) =>
      parse(fs.readFileSync(path.join(SCHEMA_DIR, 'operations', file), 'utf8')).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
      ),
    );
    expect(new Set(names).size).toBe(names.length);
  });
});
