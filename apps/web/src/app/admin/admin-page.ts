import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { USER_ROLES, USERNAME_PATTERN, USERNAME_RULE, type UserRole } from '@lilux/contracts';
import { SignedInUser } from '@lilux/web/auth';
import { fieldErrorsOf, Language, Toasts, UsersApi } from '@lilux/web/data-access';
import { UsersTable } from './users-table';
import { TwoFactorPolicyCard } from './two-factor-policy-card';

/** Users of this Lilux: who can sign in, with which role, and who administers it. */
@Component({
  selector: 'lx-admin-page',
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    UsersTable,
    TwoFactorPolicyCard,
  ],
  templateUrl: './admin-page.html',
  styles: `
    .page {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 12px;
      padding: 12px;
    }
    @media (min-width: 900px) {
      .page {
        grid-template-columns: minmax(0, 1fr) 360px;
      }
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPage {
  private readonly users = inject(UsersApi);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);
  protected readonly roles = USER_ROLES;
  protected readonly usernameRule = USERNAME_RULE;
  protected readonly list = resource({ loader: () => this.users.list() });
  private readonly signedIn = inject(SignedInUser).user;
  protected readonly currentUserId = computed(() => (this.signedIn.hasValue() ? this.signedIn.value().id : undefined));

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.pattern(USERNAME_PATTERN)]],
    password: ['', [Validators.required, Validators.minLength(8)]],
    role: ['trader' as UserRole],
  });
  protected readonly isCreating = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});

  protected async create(formDirective: FormGroupDirective): Promise<void> {
    if (this.form.invalid || this.isCreating()) {
      this.form.markAllAsTouched();
      return;
    }
    this.isCreating.set(true);
    this.serverErrors.set({});
    try {
      const user = await this.users.create(this.form.getRawValue());
      this.toasts.success(this.language.t('admin.created', { username: user.username, role: this.language.t(`admin.roleName.${user.role}`) }));
      // Through the directive, so the form is no longer 'submitted' and the emptied fields show no errors.
      formDirective.resetForm();
      this.list.reload();
    } catch (error) {
      this.serverErrors.set(fieldErrorsOf(error, this.language));
    } finally {
      this.isCreating.set(false);
    }
  }
}
