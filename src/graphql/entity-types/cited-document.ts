import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars/date-scalar';

/**
 * A document as a record stores the citation: an event's revision, an assessment, a front's status, issue or
 * context note. One type for all of them, since a citation reads the same wherever it is kept.
 */
@ObjectType('CitedDocument', {
  description:
    'A document a record cites, as the record keeps it: a revision of an event, an assessment, or a status period, issue or context note of a front.',
})
export class CitedDocument {
  @Field({ description: 'Who published it, e.g. "Reuters".' })
  publisher: string;

  @Field({ description: 'The headline or title of the document.' })
  title: string;

  @Field(() => String, { description: 'Where the document can be read, when it is online.', nullable: true })
  url: string | null;

  @Field(() => DateScalar, { description: 'The day it was published, when known.', nullable: true })
  publishedOn: string | null;
}
