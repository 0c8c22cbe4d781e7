import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../graphql/scalars/date-scalar';

@ObjectType({ description: 'A published document that reports events: an article, a statement, a report.' })
@Entity('sources')
export class Source {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Identity of the document: its URL when it has one, else publisher, title and date. */
  @Index({ unique: true })
  @Column({ name: 'identity_key', type: 'varchar', length: 700 })
  identityKey: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  publisher: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'published_on', type: 'varchar', length: 10, nullable: true })
  publishedOn: string | null;
}
