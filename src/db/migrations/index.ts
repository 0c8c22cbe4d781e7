import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Deliveries1765000000000 } from './1765000000000-deliveries';
import { UnboundedDerivedText1766000000000 } from './1766000000000-unbounded-derived-text';
import { EventRevision1766000000001 } from './1766000000001-event-revision';
import { SourceIdentityHash1766000000002 } from './1766000000002-source-identity-hash';
import { EventSearchText1766000000003 } from './1766000000003-event-search-text';
import { EventRevisions1766000000004 } from './1766000000004-event-revisions';
import { FrontHistory1766000000005 } from './1766000000005-front-history';
import { Assessments1766000000006 } from './1766000000006-assessments';
import { Editions1766000000007 } from './1766000000007-editions';
import { FrontEventDays1766000000008 } from './1766000000008-front-event-days';
import { EditionFileNames1766000000009 } from './1766000000009-edition-file-names';

/** Every migration, oldest first. Each is reviewed by hand; none is generated at run time. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Deliveries1765000000000,
  UnboundedDerivedText1766000000000,
  EventRevision1766000000001,
  SourceIdentityHash1766000000002,
  EventSearchText1766000000003,
  EventRevisions1766000000004,
  FrontHistory1766000000005,
  Assessments1766000000006,
  Editions1766000000007,
  FrontEventDays1766000000008,
  EditionFileNames1766000000009,
];
