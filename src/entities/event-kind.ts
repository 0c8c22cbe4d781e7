import { registerEnumType } from 'type-graphql';

/** The documented taxonomy of events; the descriptions are published in the schema. */
export enum EventKind {
  DIPLOMATIC_CALL = 'DIPLOMATIC_CALL',
  MEETING = 'MEETING',
  STATEMENT = 'STATEMENT',
  NEGOTIATION = 'NEGOTIATION',
  AGREEMENT = 'AGREEMENT',
  CEASEFIRE = 'CEASEFIRE',
  PRISONER_EXCHANGE = 'PRISONER_EXCHANGE',
  STRIKE = 'STRIKE',
  MILITARY_OPERATION = 'MILITARY_OPERATION',
  MILITARY_PRESENCE = 'MILITARY_PRESENCE',
  LEGAL_ACTION = 'LEGAL_ACTION',
  REGIME_CHANGE = 'REGIME_CHANGE',
  HUMANITARIAN = 'HUMANITARIAN',
  SANCTIONS = 'SANCTIONS',
  ALLIANCE = 'ALLIANCE',
  OTHER = 'OTHER',
}

export const EVENT_KIND_INFO: Record<EventKind, { label: string; description: string }> = {
  DIPLOMATIC_CALL: { label: 'Diplomatic call', description: 'A telephone or video call between leaders or officials.' },
  MEETING: { label: 'Meeting', description: 'An in-person meeting, visit or summit.' },
  STATEMENT: { label: 'Statement', description: 'A public statement, communiqué or declaration.' },
  NEGOTIATION: { label: 'Negotiation', description: 'Talks towards an agreement, or a plan still to be agreed.' },
  AGREEMENT: { label: 'Agreement', description: 'A deal, plan or accord that was agreed.' },
  CEASEFIRE: { label: 'Ceasefire', description: 'A ceasefire or truce taking effect, holding, or breaking down.' },
  PRISONER_EXCHANGE: { label: 'Prisoner exchange', description: 'An exchange or release of hostages or prisoners.' },
  STRIKE: { label: 'Strike', description: 'An air, missile or drone strike.' },
  MILITARY_OPERATION: { label: 'Military operation', description: 'A ground offensive, incursion or campaign.' },
  MILITARY_PRESENCE: {
    label: 'Military presence',
    description: 'Troops holding positions, a deployment or a withdrawal.',
  },
  LEGAL_ACTION: { label: 'Legal action', description: 'Warrants, indictments, rulings and court proceedings.' },
  REGIME_CHANGE: { label: 'Regime change', description: 'A government falls, is overthrown or replaced.' },
  HUMANITARIAN: { label: 'Humanitarian', description: 'Aid deliveries, access, casualties and displacement.' },
  SANCTIONS: { label: 'Sanctions', description: 'Sanctions imposed, eased or lifted.' },
  ALLIANCE: { label: 'Alliance', description: 'Support, backing or alignment between actors.' },
  OTHER: { label: 'Other', description: 'Anything the taxonomy does not yet name.' },
};

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'The documented taxonomy of events.',
  valuesConfig: Object.fromEntries(
    Object.entries(EVENT_KIND_INFO).map(([kind, info]) => [
      kind,
      { description: `${info.label}: ${info.description}` },
    ]),
  ),
});
