// ESLint over src/ and test/: typescript-eslint's type-aware rules, import order, and regular expressions that must
// never backtrack super-linearly (client and stored text reach many of them). Formatting is Prettier's alone
// (eslint-config-prettier turns off the rules it would fight), checked by `npm run lint` too.
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { regexp, 'import-x': importX },
    rules: {
      ...regexp.configs['flat/recommended'].rules,
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'import-x/no-duplicates': 'error',
      // A leading underscore marks a value left out on purpose (a destructured field dropped from a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Apollo plugin hooks and test doubles must return promises whether or not they wait for anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  prettier,
  // The committed SDL is what clients generate types from: every element described, Relay-shaped pages, the usual
  // naming. Its file is generated (`npm run schema:write`), so a finding is fixed in the decorators, not here.
  {
    files: ['schema/schema.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      ...graphqlPlugin.configs['flat/schema-relay'].rules,
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          rootField: true,
          DirectiveDefinition: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
        },
      ],
      // Records have an `id: ID!` that caches normalise on; these are values inside a record or a page, not records.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          exceptions: {
            suffixes: ['Connection', 'Edge'],
            types: [
              // Parts of an Assessment or AssessmentRevision (which have their own ids), kept with it; a notice of a change.
              'AssessmentChange',
              'AssessmentRevisionState',
              'BriefingChange',
              'BriefingChanged',
              // A line of a BriefingFront (an open issue, a context note) with its source numbers.
              'BriefingCitedText',
              'BriefingFront',
              'BriefingPerson',
              'BriefingQuote',
              'BriefingReference',
              'BriefingSource',
              // Subscription payloads: a notice of a change, not a record of its own.
              'EventChange',
              'FrontRecordChange',
              // Parts of an EventRevision (which has its own id), as it recorded them.
              'EventRevisionQuote',
              'EventRevisionState',
              // A document as a revision, an assessment or a front record (each with its own id) cites it.
              'CitedDocument',
              // Parts of an Edition (which has its own id): its stored documents and what changed since it.
              'BriefingCorrection',
              'EditionChanges',
              'EditionDiff',
              'EditionDocument',
              'EditionEventChange',
              'EditionFieldChange',
              'EditionFormat',
              'ImportEventsResult',
              'KeyTakeaway',
              'PageInfo',
              'RenderedBriefing',
              'TemplateInfo',
            ],
          },
        },
      ],
      // Plain lists are fine for bounded collections (an event's fronts); edges need not hold a Node (Delivery is none).
      '@graphql-eslint/relay-edge-types': [
        'error',
        { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false },
      ],
      // Connections page forwards at least (`events` both ways, `deliveries` forwards only).
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
      // The recommended naming, and inputs named `…Input` (not `…InputType`).
      '@graphql-eslint/naming-convention': [
        'error',
        {
          ...graphqlPlugin.configs['flat/schema-recommended'].rules['@graphql-eslint/naming-convention'][1],
          InputObjectTypeDefinition: { style: 'PascalCase', requiredSuffixes: ['Input'] },
        },
      ],
    },
  },
);
