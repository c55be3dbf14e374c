import { computed, inject, Injectable, resource } from '@angular/core';
import { isReadOnlyRole } from '@lilux/contracts';
import { AuthSession } from './auth-session';

/**
 * Who is signed in, read once for the signed-in frame that provides it (the shell): signing out and in again makes
 * a new frame, and so a new reading. A role change signs the user out (the server refuses the old token).
 */
@Injectable()
export class SignedInUser {
  private readonly session = inject(AuthSession);
  readonly user = resource({ loader: () => this.session.currentUser() });
  private readonly role = computed(() => (this.user.hasValue() ? this.user.value().role : undefined));

  /** Offered only once the role is known to allow it: a viewer never sees a ticket flash by. */
  readonly canTrade = computed(() => {
    const role = this.role();
    return role !== undefined && !isReadOnlyRole(role);
  });

  readonly isReadOnly = computed(() => {
    const role = this.role();
    return role !== undefined && isReadOnlyRole(role);
  });
}
