import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../graphql/scalars/date-scalar';
import { LIMITS } from './limits';

@ObjectType({ description: 'A published document that reports events: an article, a statement, a report.' })
@Entity('sources')
export class Source {
  @Field(() => ID, { description: 'Stable: the same URL is the same source in every event that cites it.' })
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  /** Identity of the document: a SHA-256 of its URL when it has one, else of publisher, title and date. */
  @Index({ unique: true })
  @Column({ name: 'identity_key', type: 'varchar', length: LIMITS.sha256Hex })
  identityKey: string;

  @Field({ description: 'Who published it, e.g. "Reuters".' })
  @Column({ type: 'varchar', length: LIMITS.sourcePublisher })
  publisher: string;

  @Field({ description: 'The headline or title of the document.' })
  @Column({ type: 'varchar', length: LIMITS.sourceTitle })
  title: string;

  @Field(() => String, { description: 'Where the document can be read, when it is online.', nullable: true })
  @Column({ type: 'varchar', length: LIMITS.url, nullable: true })
  url: string | null;

  @Field(() => DateScalar, { description: 'The day it was published, when known.', nullable: true })
  @Column({ name: 'published_on', type: 'varchar', length: LIMITS.partialDate, nullable: true })
  publishedOn: string | null;
}
