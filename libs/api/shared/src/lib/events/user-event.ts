/**
 * What happened to one user's things (an order accepted, a fill). Modules publish it on the application's event
 * emitter under {@link USER_EVENT}; the live gateway forwards it to that user's open sockets and nobody else's.
 */
export interface UserEvent {
  userId: string;
  event: string;
  data: unknown;
}

export const USER_EVENT = 'user.event';
