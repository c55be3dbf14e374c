import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSelect, MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { USER_ROLES, type User, type UserRole } from '@lilux/contracts';
import { Language, Toasts, UsersApi } from '@lilux/web/data-access';
import { confirmed, type Confirmation } from '../confirm-dialog';

/**
 * The users with what an administrator can do to each: change the role, disable or enable, end their sessions,
 * delete. Every action but enabling asks first; refusals from the server come up as messages.
 */
@Component({
  selector: 'lx-users-table',
  imports: [DatePipe, TranslocoPipe, MatButtonModule, MatSelectModule, MatTableModule, MatTooltipModule],
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
  protected readonly language = inject(Language);
  /** The user an action is running for; their row's controls wait. */
  protected readonly busyId = signal<string | null>(null);
  private readonly activeAdmins = computed(() => this.users().filter((user) => user.role === 'admin' && !user.disabled).length);

  protected isLastActiveAdmin(user: User): boolean {
    return user.role === 'admin' && !user.disabled && this.activeAdmins() === 1;
  }

  protected async changeRole(user: User, role: UserRole, select: MatSelect): Promise<void> {
    const { t } = this.language;
    const isDone = await this.act(
      user,
      {
        title: t('admin.confirm.changeRoleTitle', { username: user.username, role: t(`admin.roleWithArticle.${role}`) }),
        message: t('admin.confirm.changeRoleMessage', { meaning: t(`admin.roleMeaning.${role}`), signedOut: this.signedOut(user) }),
        action: t('admin.confirm.changeRole'),
      },
      () => this.api.update(user.id, { role }),
      t('admin.confirm.roleChanged', { username: user.username, role: t(`admin.roleWithArticle.${role}`) }),
    );
    // Refused or canceled: the select shows the role the user still has.
    if (!isDone) select.value = user.role;
  }

  protected async disable(user: User): Promise<void> {
    const { t } = this.language;
    await this.act(
      user,
      {
        title: t('admin.confirm.disableTitle', { username: user.username }),
        message: t('admin.confirm.disableMessage', { signedOut: this.signedOut(user) }),
        action: t('admin.disable'),
      },
      () => this.api.update(user.id, { disabled: true }),
      t('admin.confirm.disabled', { username: user.username }),
    );
  }

  protected async enable(user: User): Promise<void> {
    await this.act(user, null, () => this.api.update(user.id, { disabled: false }), this.language.t('admin.confirm.enabled', { username: user.username }));
  }

  protected async endSessions(user: User): Promise<void> {
    const { t } = this.language;
    await this.act(
      user,
      {
        title: t('admin.confirm.endSessionsTitle', { username: user.username }),
        message: t('admin.confirm.endSessionsMessage', { signedOut: this.signedOut(user) }),
        action: t('admin.endSessions'),
      },
      () => this.api.endSessions(user.id),
      t('admin.confirm.sessionsEnded', { username: user.username }),
    );
  }

  protected async delete(user: User): Promise<void> {
    const { t } = this.language;
    await this.act(
      user,
      { title: t('admin.confirm.deleteTitle', { username: user.username }), message: t('admin.confirm.deleteMessage'), action: t('admin.delete') },
      () => this.api.delete(user.id),
      t('admin.confirm.deleted', { username: user.username }),
    );
  }

  private signedOut(user: User): string {
    const { t } = this.language;
    return user.id === this.currentUserId() ? t('admin.confirm.youSignedOut') : t('admin.confirm.userSignedOut', { username: user.username });
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
