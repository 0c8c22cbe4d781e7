import { Field, ID, InterfaceType } from 'type-graphql';

/** The type names of the records `Query.node(id:)` finds (each table's ids are UUIDs, so unique across tables). */
export const NODE_TYPES = ['Event', 'Front', 'Region', 'Leader', 'Actor', 'Edition', 'Assessment'] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

@InterfaceType('Node', {
  description:
    "A stored record that `Query.node(id:)` finds by its id alone. Ids are the records' own UUIDs, unique across types, so an id a client already stores (e.g. `Event.id`) is its node id.",
  // Rows are instances of their entity classes, named as their GraphQL types; the entities import this file, so it
  // names them rather than importing them.
  resolveType: (value: object): NodeTypeName | undefined => NODE_TYPES.find((name) => name === value.constructor.name),
})
export abstract class Node {
  @Field(() => ID, { description: "Opaque, stable identifier; clients' caches key the record on it." })
  id: string;
}
