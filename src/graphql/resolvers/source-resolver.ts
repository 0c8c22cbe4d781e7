import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Source } from '../../entities/source';
import { withoutCredentials } from '../../validation/safe-url';

@Resolver(() => Source)
export class SourceResolver {
  /** A URL stored before credentials were refused is handed out without them, as the briefings print it. */
  @FieldResolver(() => String, { description: 'Where the document can be read, when it is online.', nullable: true })
  url(@Root() source: Source): string | null {
    return source.url === null ? null : withoutCredentials(source.url);
  }
}
