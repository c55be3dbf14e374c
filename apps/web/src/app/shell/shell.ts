import { ChangeDetectionStrategy, Component, inject, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthSession, SignedInUser } from '@lilux/web/auth';
import { ActiveAccount, Language, LiveFeed, MarketApi, NotificationsStore } from '@lilux/web/data-access';
import type { Account } from '@lilux/contracts';
import { Theme } from '../theme';
import { NotificationBell } from './notification-bell';

/** The frame of every signed-in page: where prices come from, which account trades, who is signed in. */
@Component({
  selector: 'lx-shell',
  imports: [TranslocoPipe, MatButtonModule, MatMenuModule, MatToolbarModule, MatTooltipModule, NotificationBell, RouterLink, RouterLinkActive, RouterOutlet],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  // One reading of who is signed in, and one list of notifications, for every page inside this frame.
  providers: [SignedInUser, NotificationsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly live = inject(LiveFeed);
  private readonly marketApi = inject(MarketApi);
  protected readonly active = inject(ActiveAccount);
  protected readonly theme = inject(Theme);
  private readonly language = inject(Language);
  protected readonly liveState = this.live.state;

  protected readonly signedIn = inject(SignedInUser);
  protected readonly user = this.signedIn.user;
  protected readonly marketStatus = resource({ loader: () => this.marketApi.status() });

  protected accountName(account: Account): string {
    const kind = this.language.t(`shell.accountKind.${account.kind}`);
    // A label that only repeats the kind (the default one does) is said once.
    return account.kind === 'paper' || account.label.trim().toLowerCase() === kind.toLowerCase() ? kind : `${kind} · ${account.label}`;
  }

  /** The page's main region takes the focus, so the next Tab starts there rather than back in the toolbar. */
  protected skipToContent(event: Event): void {
    const main = document.getElementById('main');
    if (!main) return;
    event.preventDefault();
    main.tabIndex = -1;
    main.focus();
  }

  protected async logout(): Promise<void> {
    this.live.close();
    await this.session.logout();
    await this.router.navigateByUrl('/login');
  }
}
