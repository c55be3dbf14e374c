import type { NotificationEvent, OrderEvent } from '@lilux/contracts';

/**
 * What happened to one user's things (an order accepted, a fill, a notification). Modules publish it on the cluster bus's
 * channel {@link USER_EVENT}; the live gateway of every instance forwards it to that user's open sockets there
 * and nobody else's.
 */
export type UserEvent = { userId: string } & (OrderEvent | NotificationEvent);

export const USER_EVENT = 'user-events';
