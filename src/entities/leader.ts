import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { PartialDateScalar } from '../graphql/scalars/partial-date-scalar';

@ObjectType({ description: 'A person who holds (or held) an office.' })
@Entity('leaders')
export class Leader {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'e.g. "President of Russia".' })
  @Column({ type: 'varchar', length: 200 })
  office: string;

  @Column({ name: 'region_id', type: 'varchar', length: 36, nullable: true })
  regionId: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the tenure began, at its known precision.' })
  @Column({ name: 'tenure_start', type: 'varchar', length: 10, nullable: true })
  tenureStart: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the tenure ended; null while in office.' })
  @Column({ name: 'tenure_end', type: 'varchar', length: 10, nullable: true })
  tenureEnd: string | null;
}
