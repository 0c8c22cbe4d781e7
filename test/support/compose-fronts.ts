import type { ComposeFront } from '../../src/briefings/compose-briefing';

/** A front as tests used to write it (one status, background and issue list), as the history composition takes. */
export interface SimpleFront {
  slug: string;
  name: string;
  briefingOrder: number;
  statusKind?: string;
  status?: string;
  statusSince?: string | null;
  background?: string;
  openIssues?: string[];
}

/** Records with no date hold from this day: before every date the tests compose. */
const LONG_AGO = '2000-01-01';

export function composeFrontOf(f: SimpleFront): ComposeFront {
  return {
    slug: f.slug,
    name: f.name,
    briefingOrder: f.briefingOrder,
    statusPeriods:
      f.status === undefined
        ? []
        : [
            {
              kind: f.statusKind ?? 'TENSION',
              text: f.status,
              since: f.statusSince ?? null,
              until: null,
              sources: [],
              recordedOn: LONG_AGO,
            },
          ],
    issues: (f.openIssues ?? []).map((text) => ({
      text,
      opened: null,
      resolved: null,
      sources: [],
      recordedOn: LONG_AGO,
    })),
    context:
      f.background === undefined || f.background === ''
        ? []
        : [{ text: f.background, validFrom: null, retired: null, sources: [], recordedOn: LONG_AGO }],
  };
}
