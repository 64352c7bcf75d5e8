import type { Env } from "../env";

/** What arrived, as Email Routing told it: enough to trace a message in the logs without its content. */
export interface Envelope {
  from: string;
  to: string;
  rawSize: number;
  messageId: string | null;
}

export function envelopeOf(message: ForwardableEmailMessage): Envelope {
  return {
    from: message.from,
    to: message.to,
    rawSize: message.rawSize,
    messageId: message.headers.get("message-id"),
  };
}

// Accepting without calling setReject or forward: Email Routing then counts the message as delivered.
export async function receiveEmail(message: ForwardableEmailMessage, _env: Env): Promise<Envelope> {
  const envelope = envelopeOf(message);
  console.log("email received", JSON.stringify(envelope));
  return envelope;
}
