import { parsePartialDate } from '../../dates/partial-date';
import { defineStringScalar } from './define-string-scalar';

export const PartialDateScalar = defineStringScalar(
  'PartialDate',
  'A date at its known precision: a day `YYYY-MM-DD`, a month `YYYY-MM` or a year `YYYY`. "December 2024" is `2024-12`.',
  (value) => parsePartialDate(value)?.value ?? null,
  'a day (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY)',
);
