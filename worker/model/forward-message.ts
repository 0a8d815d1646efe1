/**
 * The body of a forward-queue message: one outbox row id. Below every layer, so the Worker's
 * bindings (env.ts) type the queue without importing the forwarding step.
 */
export interface ForwardMessage {
  /** An outbox row id. */
  id: string;
}
