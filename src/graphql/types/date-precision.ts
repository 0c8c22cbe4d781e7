import { registerEnumType } from 'type-graphql';

export enum DatePrecisionEnum {
  DAY = 'DAY',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(DatePrecisionEnum, {
  name: 'DatePrecision',
  description: 'How precisely a date is known.',
  valuesConfig: {
    DAY: { description: 'The day is known: `2025-11-15`.' },
    MONTH: { description: 'Only the month is known: `2024-12`.' },
    YEAR: { description: 'Only the year is known: `2024`.' },
  },
});
