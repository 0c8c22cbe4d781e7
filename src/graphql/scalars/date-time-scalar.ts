import { parseInstant } from '../../dates/partial-date';
import { defineStringScalar } from './define-string-scalar';

export const DateTimeScalar = defineStringScalar(
  'DateTime',
  'An instant, ISO 8601 with a timezone offset or Z, e.g. `2025-11-15T10:30:00Z`. Returned in UTC.',
  (value) => parseInstant(value)?.toISOString() ?? null,
  'an ISO 8601 date-time with an offset, e.g. 2025-11-15T10:30:00Z',
);
