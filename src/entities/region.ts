import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum RegionKind {
  COUNTRY = 'COUNTRY',
  TERRITORY = 'TERRITORY',
  SUB_NATIONAL = 'SUB_NATIONAL',
  SUPRANATIONAL = 'SUPRANATIONAL',
  SEA = 'SEA',
}
registerEnumType(RegionKind, { name: 'RegionKind', description: 'What sort of place a region is.' });

@ObjectType({ description: 'A place briefings talk about: a country, a territory, a sea, or a wider region.' })
@Entity('regions')
export class Region {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field({ description: 'Stable identifier used in inputs and URLs, e.g. `gaza-strip`.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => RegionKind)
  @Column({ type: 'varchar', length: 20 })
  kind: RegionKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166 code, where one exists.' })
  @Column({ name: 'iso_code', type: 'varchar', length: 10, nullable: true })
  isoCode: string | null;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;
}
