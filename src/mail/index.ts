// Briefings by email: composing the RFC 5322 message, sending it (SMTP or outbox), recording each send.

export { DeliveryService, MAX_DELIVERIES_PAGE } from './delivery-service';
export type {
  BriefingProvider,
  BriefingRequestLike,
  DeliveryServiceOptions,
  MessageComposer,
  OutgoingMessage,
  SendBriefingRequest,
} from './delivery-service';
export { checkRecipients, MAX_RECIPIENTS } from './recipients';
export { stableMessageId } from './message-id';
export { sendOverSmtp, SmtpSendError } from './smtp-sender';
