import type { AccountProblemEvent, NotificationEvent, OrderEvent } from '@lilux/contracts';

/**
 * What happened to one user's things (an order accepted, a fill, a notification, a problem with an exchange account). Modules publish it on the cluster bus's
 * channel {@link USER_EVENT}; the live gateway of every instance forwards it to that user's open sockets there
 * and nobody else's.
 */
export type UserEvent = { userId: string } & (OrderEvent | NotificationEvent | AccountProblemEvent);

export const USER_EVENT = 'user-events';
