import { registerEnumType } from 'type-graphql';

/** How well an event or a quote is established. REPORTED is the default: what a source reports, unqualified. */
export enum Verification {
  CONFIRMED = 'CONFIRMED',
  REPORTED = 'REPORTED',
  CLAIMED = 'CLAIMED',
  UNVERIFIED = 'UNVERIFIED',
}

export const DEFAULT_VERIFICATION = Verification.REPORTED;

/**
 * The one wording of each value: `note` is what every format prints with the event or quote (null: nothing, for a
 * plain report), so a reader can tell a claim from an established fact.
 */
export const VERIFICATION_WORDING: Record<Verification, { note: string | null; description: string }> = {
  CONFIRMED: { note: 'confirmed', description: 'Established: confirmed by the parties or independent sources.' },
  REPORTED: { note: null, description: 'Reported by the sources cited (the default).' },
  CLAIMED: {
    note: 'claimed; not independently verified',
    description: 'Claimed by a party (often the one it favours); not independently verified.',
  },
  UNVERIFIED: { note: 'unverified', description: 'Circulating, but not verified by the sources cited.' },
};

registerEnumType(Verification, {
  name: 'Verification',
  description: 'How well an event or a quote is established.',
  valuesConfig: Object.fromEntries(
    Object.entries(VERIFICATION_WORDING).map(([value, w]) => [value, { description: w.description }]),
  ),
});
