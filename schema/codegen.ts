// GraphQL Code Generator config for a Sitrep client (client preset): typed documents for the example operations.
// `npx graphql-codegen --config schema/codegen.ts` writes them to dist/gql/; in a frontend, copy this file and point
// `schema` at your copy of schema.graphql (or the server's /graphql), `documents` at your operations and the output
// at your own source folder. test/schema/codegen.test.ts runs it and compiles the result with `tsc --strict`.
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The custom scalars travel as strings in these formats; codegen would type them `unknown` otherwise. */
const SCALARS = {
  // YYYY-MM-DD
  Date: 'string',
  // ISO 8601 with an offset or Z, e.g. 2025-11-15T10:30:00Z; the server answers in UTC
  DateTime: 'string',
  // YYYY, YYYY-MM or YYYY-MM-DD
  PartialDate: 'string',
} as const;

export const OUTPUT_DIR = path.join(__dirname, '..', 'dist', 'gql');

const config: CodegenConfig = {
  schema: path.join(__dirname, 'schema.graphql'),
  documents: [path.join(__dirname, 'operations', '*.graphql')],
  ignoreNoDocuments: false,
  generates: {
    [`${OUTPUT_DIR}/`]: {
      preset: 'client',
      // Plain result types (no fragment masking), enums as string unions (`paper: 'A4' | 'LETTER'`).
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: SCALARS,
        strictScalars: true,
        enumType: 'string-literal',
        useTypeImports: true,
      },
    },
  },
};

export default config;
