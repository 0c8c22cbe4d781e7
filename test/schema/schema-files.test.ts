import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, validate } from 'graphql';
import { getSchema, printSdl } from '../../src/graphql/schema';

const SCHEMA_DIR = path.join(__dirname, '..', '..', 'schema');

describe('committed schema files', () => {
  it('schema/schema.graphql is exactly what the code generates (run `npm run schema:write` after a change)', async () => {
    expect(fs.readFileSync(path.join(SCHEMA_DIR, 'schema.graphql'), 'utf8')).toBe(await printSdl());
  });

  const operations = fs.readdirSync(path.join(SCHEMA_DIR, 'operations')).filter((f) => f.endsWith('.graphql'));

  it('has example operations', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it.each(operations)('schema/operations/%s validates against the schema', async (file) => {
    const document = parse(fs.readFileSync(path.join(SCHEMA_DIR, 'operations', file), 'utf8'));
    expect(validate(await getSchema(), document).map((e) => e.message)).toEqual([]);
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
