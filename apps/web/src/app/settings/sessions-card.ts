import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UserSession } from '@lilux/contracts';
import { Language, SessionsApi, Toasts } from '@lilux/web/data-access';

/** Where the user is signed in (device, address, last seen), with a way to sign any other device out at once. */
@Component({
  selector: 'lx-sessions-card',
  imports: [DatePipe, TranslocoPipe, MatButtonModule, MatCardModule, MatProgressBarModule],
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <h2 mat-card-title>{{ 'sessions.title' | transloco }}</h2>
        <mat-card-subtitle>{{ 'sessions.subtitle' | transloco }}</mat-card-subtitle>
      </mat-card-header>
      @if (sessions.isLoading() || isEnding()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      <mat-card-content>
        <ul class="sessions" data-testid="sessions">
          @for (session of sessions.value() ?? []; track session.id) {
            <li [attr.aria-current]="session.isCurrent ? 'true' : null">
              <div>
                <strong>{{ session.device }}</strong>
                @if (session.isCurrent) {
                  <span class="current">{{ 'sessions.current' | transloco }}</span>
                }
                <div class="details">
                  {{ 'sessions.details' | transloco: { address: session.address, date: session.lastSeenAt | date: 'medium' : undefined : language.locale() } }}
                </div>
              </div>
              @if (!session.isCurrent) {
                <button
                  mat-button
                  type="button"
                  (click)="end(session)"
                  [disabled]="isEnding()"
                  [attr.aria-label]="'sessions.endLabel' | transloco: { device: session.device, address: session.address }"
                >
                  {{ 'sessions.end' | transloco }}
                </button>
              }
            </li>
          }
        </ul>
        <button mat-stroked-button type="button" (click)="endOthers()" [disabled]="isEnding() || otherCount() === 0">
          {{ 'sessions.endOthers' | transloco }}
        </button>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .sessions {
      list-style: none;
      margin: 0 0 12px;
      padding: 0;
    }
    li {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .current {
      margin-left: 8px;
      padding: 0 6px;
      border-radius: 4px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-size: 12px;
    }
    .details {
      color: var(--mat-sys-on-surface-variant);
      font-size: 13px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsCard {
  private readonly api = inject(SessionsApi);
  private readonly toasts = inject(Toasts);
  protected readonly language = inject(Language);

  protected readonly sessions = resource({ loader: () => this.api.list() });
  protected readonly otherCount = computed(() => (this.sessions.value() ?? []).filter((session) => !session.isCurrent).length);
  protected readonly isEnding = signal(false);

  protected end(session: UserSession): Promise<void> {
    return this.ending(() => this.api.end(session.id), this.language.t('sessions.ended', { device: session.device, address: session.address }));
  }

  protected endOthers(): Promise<void> {
    return this.ending(() => this.api.endOthers(), this.language.t('sessions.othersEnded'));
  }

  private async ending(work: () => Promise<void>, done: string): Promise<void> {
    this.isEnding.set(true);
    try {
      await work();
      this.toasts.success(done);
      this.sessions.reload();
    } finally {
      this.isEnding.set(false);
    }
  }
}
