import type { OrderEvent } from '@lilux/contracts';

/**
 * What happened to one user's things (an order accepted, a fill). Modules publish it on the cluster bus's
 * channel {@link USER_EVENT}; the live gateway of every instance forwards it to that user's open sockets there
 * and nobody else's.
 */
export type UserEvent = { userId: string } & OrderEvent;

export const USER_EVENT = 'user-events';
