import { registerEnumType } from 'type-graphql';

/** How likely editors judge an assessment to be: the five steps of the ICD 203 estimative scale used here. */
export enum Confidence {
  ALMOST_CERTAIN = 'ALMOST_CERTAIN',
  LIKELY = 'LIKELY',
  ROUGHLY_EVEN = 'ROUGHLY_EVEN',
  UNLIKELY = 'UNLIKELY',
  REMOTE = 'REMOTE',
}

/**
 * The one wording of each step: `term` is what every format prints with the judgement ("Assessment (likely): …"),
 * `range` the probabilities ICD 203 gives the step, so a reader can tell what the word commits to.
 */
export const CONFIDENCE_WORDING: Record<Confidence, { term: string; range: string }> = {
  ALMOST_CERTAIN: { term: 'almost certainly', range: '95–99%' },
  LIKELY: { term: 'likely', range: '55–80%' },
  ROUGHLY_EVEN: { term: 'roughly even chance', range: '45–55%' },
  UNLIKELY: { term: 'unlikely', range: '20–45%' },
  REMOTE: { term: 'remote chance', range: '1–5%' },
};

registerEnumType(Confidence, {
  name: 'Confidence',
  description: 'How likely an assessment is judged to be: the ICD 203 estimative scale.',
  valuesConfig: Object.fromEntries(
    Object.entries(CONFIDENCE_WORDING).map(([value, w]) => [value, { description: `"${w.term}" (${w.range}).` }]),
  ),
});
