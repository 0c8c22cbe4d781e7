import { parseDay } from '../../dates/partial-date';
import { defineStringScalar } from './define-string-scalar';

export const DateScalar = defineStringScalar(
  'Date',
  'A calendar day, `YYYY-MM-DD` (ISO 8601). Impossible days such as 2025-02-30 are rejected.',
  parseDay,
  'a real calendar day as YYYY-MM-DD',
);
