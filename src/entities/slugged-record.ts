import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Index, PrimaryColumn } from 'typeorm';
import { LIMITS } from './limits';

/** What every reference record has: an id, the slug inputs and URLs name it by, and a display name. */
// Abstract: its @ObjectType adds no type of its own to the schema, only the fields the object types extending it inherit.
@ObjectType()
export abstract class SluggedRecord {
  @Field(() => ID, { description: "Opaque, stable identifier; clients' caches key the record on it." })
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  @Field({ description: 'Stable identifier used in inputs and URLs, e.g. `gaza`, `gaza-strip`, `netanyahu`.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: LIMITS.slug })
  slug: string;

  @Field({ description: 'Display name.' })
  @Column({ type: 'varchar', length: LIMITS.name })
  name: string;
}
