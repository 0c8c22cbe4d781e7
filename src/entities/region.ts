import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node } from '../graphql/entity-types/node';
import { LIMITS } from './limits';
import { SluggedRecord } from './slugged-record';

export enum RegionKind {
  COUNTRY = 'COUNTRY',
  TERRITORY = 'TERRITORY',
  SUB_NATIONAL = 'SUB_NATIONAL',
  SUPRANATIONAL = 'SUPRANATIONAL',
  SEA = 'SEA',
}
registerEnumType(RegionKind, {
  name: 'RegionKind',
  description: 'What sort of place a region is.',
  valuesConfig: {
    COUNTRY: { description: 'A sovereign state.' },
    TERRITORY: { description: 'A territory that is not (or not recognised as) a state, e.g. the Gaza Strip.' },
    SUB_NATIONAL: { description: 'A province, governorate or other part of a country.' },
    SUPRANATIONAL: { description: 'A region spanning countries, e.g. the Levant.' },
    SEA: { description: 'A sea, gulf or strait.' },
  },
});

@ObjectType({
  implements: Node,
  description: 'A place briefings talk about: a country, a territory, a sea, or a wider region.',
})
@Entity('regions')
export class Region extends SluggedRecord {
  @Field(() => RegionKind, { description: 'What sort of place it is.' })
  @Column({ type: 'varchar', length: LIMITS.regionKind })
  kind: RegionKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166 code, where one exists.' })
  @Column({ name: 'iso_code', type: 'varchar', length: LIMITS.isoCode, nullable: true })
  isoCode: string | null;

  @Column({ name: 'parent_id', type: 'varchar', length: LIMITS.id, nullable: true })
  parentId: string | null;
}
