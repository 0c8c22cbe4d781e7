import { Actor } from './actor';
import { ApiKey } from './api-key';
import { Assessment, AssessmentFront } from './assessment';
import { ChangeLogEntry } from './change-log';
import { Delivery } from './delivery';
import { Edition, EditionFormatRow } from './edition';
import { EditorialRevisionRow } from './editorial-revision';
import { Event } from './event';
import { EventActor, EventFront, EventLeader, EventRegion, EventSource, FrontRegion } from './event-links';
import { EventRevisionRow } from './event-revision';
import { Front } from './front';
import { FrontEventDay } from './front-event-day';
import { FrontContextNote, FrontIssue, FrontStatusPeriod } from './front-history';
import { Leader } from './leader';
import { Quote } from './quote';
import { Region } from './region';
import { Source } from './source';

export const ENTITIES = [
  Region,
  Leader,
  Actor,
  Front,
  FrontRegion,
  FrontStatusPeriod,
  FrontIssue,
  FrontContextNote,
  EditorialRevisionRow,
  Event,
  Source,
  EventSource,
  Quote,
  EventFront,
  EventRegion,
  EventLeader,
  EventActor,
  FrontEventDay,
  ChangeLogEntry,
  EventRevisionRow,
  Assessment,
  AssessmentFront,
  ApiKey,
  Delivery,
  Edition,
  EditionFormatRow,
];
