import { Confidence, type AssessmentSourceData } from '../entities/assessment';
import { LIMITS } from '../entities/limits';
import { badInput } from '../errors/app-errors';
import * as check from './checks';
import { EVENT_LIMITS, validateSource } from './event-validation';

/** An assessment input after every check; fronts still by slug, in the order given. */
export interface ValidAssessment {
  date: string;
  confidence: Confidence;
  text: string;
  fronts: string[];
  sources: AssessmentSourceData[];
}

export const ASSESSMENT_LIMITS = {
  text: LIMITS.assessmentText,
  fronts: 20,
  sources: EVENT_LIMITS.sources,
} as const;

const CONFIDENCES = Object.values(Confidence);

/** Checks one assessment input; `field` is its path (`input`). */
export function validateAssessment(raw: unknown, field: string): ValidAssessment {
  const input = check.record(raw, field);
  const date = check.optionalDay(input.date, `${field}.date`);
  if (date === null) throw badInput(`${field}.date`, 'is required: the day the judgement was made, as YYYY-MM-DD');
  const confidence = check.oneOf(input.confidence, `${field}.confidence`, CONFIDENCES);
  const text = check.text(input.text, `${field}.text`, ASSESSMENT_LIMITS.text, { multiline: true });
  const fronts = check.slugList(input.fronts, `${field}.fronts`, ASSESSMENT_LIMITS.fronts);
  if (fronts.length === 0) throw badInput(`${field}.fronts`, 'an assessment concerns at least one front');
  const sources = check.isPresent(input.sources)
    ? check
        .list(input.sources, `${field}.sources`, 0, ASSESSMENT_LIMITS.sources)
        .map((s, i) => validateSource(s, `${field}.sources[${i}]`))
        .map(({ publisher, title, url, publishedOn }) => ({ publisher, title, url, publishedOn }))
    : [];
  return { date, confidence, text, fronts, sources };
}
