import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node } from '../graphql/entity-types/node';
import { PartialDateScalar } from '../graphql/scalars/partial-date-scalar';
import { LIMITS } from './limits';
import { SluggedRecord } from './slugged-record';

@ObjectType({ implements: Node, description: 'A person who holds (or held) an office.' })
@Entity('leaders')
export class Leader extends SluggedRecord {
  @Field({ description: 'e.g. "President of Russia".' })
  @Column({ type: 'varchar', length: LIMITS.office })
  office: string;

  @Column({ name: 'region_id', type: 'varchar', length: LIMITS.id, nullable: true })
  regionId: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the tenure began, at its known precision.' })
  @Column({ name: 'tenure_start', type: 'varchar', length: LIMITS.partialDate, nullable: true })
  tenureStart: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the tenure ended; null while in office.' })
  @Column({ name: 'tenure_end', type: 'varchar', length: LIMITS.partialDate, nullable: true })
  tenureEnd: string | null;
}
