import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  getNamedType,
  GraphQLNamedType,
  GraphQLSchema,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  SelectionSetNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GraphQLContext } from './context/context';
import { fragmentsOf, renderSelections } from './limits/rate-limits';

/*
 * Whole GraphQL answers, kept as the bytes sent, so that a query asked again before the data changes is answered
 * without running Apollo's pipeline again (parsing the body aside, that pipeline was most of a cached briefing
 * request). An answer is kept from the second time a query is asked, only if it succeeded without errors, for anonymous callers and readers
 * (editors see drafts of what they change; they are always answered afresh), and only when everything it selects
 * changes with the data revision: editions and deliveries change without one (publishing, printing an edition's
 * PDF, sending), so an operation reaching any of their types is never kept.
 */

/** Request bodies longer than this are answered afresh: a key is the whole body, and long ones are rarely repeated. */
export const MAX_CACHED_REQUEST_CHARS = 16 * 1024;
/** Answers larger than this are not kept. */
export const MAX_CACHED_ANSWER_BYTES = 1024 * 1024;

/** A kept answer: valid while the data revision is `revision`. */
export interface CachedAnswer {
  revision: number;
  contentType: string;
  body: Buffer;
  /** Briefing renders the operation selects: a cached answer costs the caller the same renders as a fresh one. */
  renders: number;
}

/** Everything an answer depends on besides the data revision. */
export interface AnswerKeyParts {
  /** The caller's role, null when anonymous. */
  role: string | null;
  /** The Accept header, which decides the answer's content type. */
  accept: string;
  /** The base of the download links in the answer. */
  publicUrl: string;
  /** The UTC day: fields such as `Front.status` default to today. */
  day: string;
  /** The request body as received. */
  body: string;
}

export class GraphQLResponseCache {
  private readonly answers = new LRUCache<string, CachedAnswer>({
    max: 1024,
    maxSize: 16 * 1024 * 1024,
    // Keys and bodies both counted, two bytes per key character.
    sizeCalculation: (answer, key) => 2 * key.length + answer.body.length + 64,
  });

  key(parts: AnswerKeyParts): string {
    return `${parts.role ?? ''}\n${parts.accept}\n${parts.publicUrl}\n${parts.day}\n${parts.body}`;
  }

  /** The answer kept under `key` for data revision `revision`, if any. */
  get(key: string, revision: number): CachedAnswer | undefined {
    const answer = this.answers.get(key);
    if (answer === undefined) return undefined;
    if (answer.revision === revision) return answer;
    if (answer.revision < revision) this.answers.delete(key);
    return undefined;
  }

  /** Keys asked for once and not kept (yet): an answer is kept from the second asking on. */
  private readonly asked = new LRUCache<string, true>({
    max: 4096,
    maxSize: 8 * 1024 * 1024,
    sizeCalculation: (_value, key) => 2 * key.length + 16,
  });

  has(key: string): boolean {
    return this.answers.has(key);
  }

  /** Whether `key` was asked for before; remembers that it now has been. */
  askedBefore(key: string): boolean {
    if (this.asked.has(key)) return true;
    this.asked.set(key, true);
    return false;
  }

  set(key: string, answer: CachedAnswer): void {
    if (answer.body.length > MAX_CACHED_ANSWER_BYTES) return;
    this.answers.set(key, answer);
  }
}

/** Types whose data changes without the data revision changing. */
const UNVERSIONED_PREFIXES = ['Edition', 'Delivery'];

/**
 * Marks a query answer worth keeping (see above) on the context's `answer`, once Apollo has produced it without
 * errors, with the data revision read just before it ran. Computing whether an operation qualifies costs one walk of its selections, on the answers that are not
 * cached only.
 */
export function responseCachePlugin(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  const unversioned = new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => UNVERSIONED_PREFIXES.some((prefix) => type.name.startsWith(prefix)))
      .map((type) => type.name),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type) && schema.getPossibleTypes(type).some((t) => unversioned.has(t.name))) {
      unversioned.add(type.name);
    }
  }
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.answer === undefined) return;
      const mark = contextValue.answer;
      let renders: number | null = null;
      return {
        async didResolveOperation({ document, operation }) {
          if (operation === undefined || operation.operation !== OperationTypeNode.QUERY) return;
          if (reachesUnversioned(schema, document, operation, unversioned)) return;
          renders = renderSelections(schema, document, operation);
        },
        async executionDidStart() {
          if (renders === null) return;
          // A database that does not answer keeps nothing; the operation's own reads report it to the client.
          mark.revision = await contextValue.dataRevision().catch(() => null);
        },
        async willSendResponse({ response }) {
          if (renders === null || mark.revision === null || response.body.kind !== 'single') return;
          if (response.body.singleResult.errors !== undefined) return;
          if ((response.http.status ?? 200) !== 200) return;
          mark.keepWithRenders = renders;
        },
      };
    },
  };
}

/** Whether any field, fragment or type condition of the operation is of a type in `unversioned`. */
function reachesUnversioned(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  unversioned: ReadonlySet<string>,
): boolean {
  const fragments = fragmentsOf(document);
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined): boolean => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[selection.name.value];
        if (field === undefined) continue;
        const type = getNamedType(field.type);
        if (unversioned.has(type.name)) return true;
        if (selection.selectionSet && walk(selection.selectionSet, type)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (condition !== undefined && unversioned.has(condition)) return true;
        if (walk(selection.selectionSet, condition === undefined ? parent : schema.getType(condition))) return true;
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments.get(name);
        if (fragment === undefined) continue;
        const condition = fragment.typeCondition.name.value;
        if (unversioned.has(condition)) return true;
        if (walk(fragment.selectionSet, schema.getType(condition))) return true;
      }
    }
    return false;
  };
  return walk(operation.selectionSet, schema.getQueryType());
}
