import { registerEnumType } from 'type-graphql';

export enum DatePrecisionEnum {
  DAY = 'DAY',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(DatePrecisionEnum, { name: 'DatePrecision', description: 'How precisely a date is known.' });
