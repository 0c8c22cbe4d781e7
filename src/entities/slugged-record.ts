import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Index, PrimaryColumn } from 'typeorm';

/** What every reference record has: an id, the slug inputs and URLs name it by, and a display name. */
// Not an @ObjectType itself: the fields are inherited by the object types that extend it.
@ObjectType()
export abstract class SluggedRecord {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Stable identifier used in inputs and URLs, e.g. `gaza`, `gaza-strip`, `netanyahu`.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;
}
