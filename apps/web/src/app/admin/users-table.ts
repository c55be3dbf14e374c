import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSelect, MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { USER_ROLES, type User, type UserRole } from '@lilux/contracts';
import { Toasts, UsersApi } from '@lilux/web/data-access';
import { confirmed, type Confirmation } from '../confirm-dialog';

const ROLE_MEANINGS: Record<UserRole, string> = {
  admin: 'Administrators trade and manage users.',
  trader: 'Traders trade on their own accounts.',
  viewer: 'Viewers see their portfolio and charts but cannot place, cancel or change anything.',
};

/** Why a control is off for a row, shown on hover; the server refuses the same things. */
const LAST_ADMIN_REASON = 'The last active administrator: make someone else an administrator first';
const DELETE_NEEDS_DISABLED = 'Disable the user first';

/**
 * The users with what an administrator can do to each: change the role, disable or enable, end their sessions,
 * delete. Every action but enabling asks first; refusals from the server come up as messages.
 */
@Component({
  selector: 'lx-users-table',
  imports: [DatePipe, MatButtonModule, MatSelectModule, MatTableModule, MatTooltipModule],
  templateUrl: './users-table.html',
  styles: `
    .role {
      width: 130px;
    }
    .actions {
      white-space: nowrap;
      text-align: right;
    }
    .disabled-user {
      color: var(--mat-sys-error);
    }
    .you {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersTable {
  private readonly api = inject(UsersApi);
  private readonly toasts = inject(Toasts);
  private readonly dialog = inject(MatDialog);

  readonly users = input.required<User[]>();
  /** The administrator looking at the table: acting on themselves signs them out too. */
  readonly currentUserId = input<string>();
  /** After every action, whether it went through or not: the list is read again. */
  readonly changed = output<void>();

  protected readonly roles = USER_ROLES;
  protected readonly columns = ['username', 'role', 'status', 'createdAt', 'actions'];
  protected readonly lastAdminReason = LAST_ADMIN_REASON;
  protected readonly deleteNeedsDisabled = DELETE_NEEDS_DISABLED;
  /** The user an action is running for; their row's controls wait. */
  protected readonly busyId = signal<string | null>(null);
  private readonly activeAdmins = computed(() => this.users().filter((user) => user.role === 'admin' && !user.disabled).length);

  protected isLastActiveAdmin(user: User): boolean {
    return user.role === 'admin' && !user.disabled && this.activeAdmins() === 1;
  }

  protected async changeRole(user: User, role: UserRole, select: MatSelect): Promise<void> {
    const isDone = await this.act(
      user,
      { title: `Make ${user.username} ${withArticle(role)}?`, message: `${ROLE_MEANINGS[role]} ${this.signedOut(user)}`, action: 'Change role' },
      () => this.api.update(user.id, { role }),
      `${user.username} is now ${withArticle(role)}`,
    );
    // Refused or canceled: the select shows the role the user still has.
    if (!isDone) select.value = user.role;
  }

  protected async disable(user: User): Promise<void> {
    await this.act(
      user,
      {
        title: `Disable ${user.username}?`,
        message: `${this.signedOut(user)} They cannot sign in until enabled again. Their accounts, orders and history stay as they are.`,
        action: 'Disable',
      },
      () => this.api.update(user.id, { disabled: true }),
      `${user.username} is disabled`,
    );
  }

  protected async enable(user: User): Promise<void> {
    await this.act(user, null, () => this.api.update(user.id, { disabled: false }), `${user.username} can sign in again`);
  }

  protected async endSessions(user: User): Promise<void> {
    await this.act(
      user,
      { title: `End every session of ${user.username}?`, message: `${this.signedOut(user)} They can sign in again.`, action: 'End sessions' },
      () => this.api.endSessions(user.id),
      `Ended every session of ${user.username}`,
    );
  }

  protected async delete(user: User): Promise<void> {
    await this.act(
      user,
      {
        title: `Delete ${user.username}?`,
        message:
          'They leave this list and can never sign in again; their name stays taken. Their orders and trades stay in the ledger. ' +
          'Refused while they still have open orders or connected exchange accounts.',
        action: 'Delete',
      },
      () => this.api.delete(user.id),
      `${user.username} is deleted`,
    );
  }

  private signedOut(user: User): string {
    return user.id === this.currentUserId() ? 'You are signed out everywhere, this page included.' : `${user.username} is signed out everywhere at once.`;
  }

  /** Asks (unless `confirmation` is null), runs, says how it went; whether it went through. */
  private async act(user: User, confirmation: Confirmation | null, action: () => Promise<unknown>, success: string): Promise<boolean> {
    if (confirmation && !(await confirmed(this.dialog, confirmation))) return false;
    this.busyId.set(user.id);
    try {
      await action();
      this.toasts.success(success);
      return true;
    } catch {
      // The error interceptor has shown the server's reason (e.g. the last administrator); the list is read again.
      return false;
    } finally {
      this.busyId.set(null);
      this.changed.emit();
    }
  }
}

function withArticle(role: UserRole): string {
  return role === 'admin' ? 'an administrator' : `a ${role}`;
}
