import { ChangeDetectionStrategy, Component, inject, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router } from '@angular/router';
import { AuthSession } from '@lilux/web/auth';

/** The console's frame: the toolbar with the signed-in user; the trading panels are laid out inside it. */
@Component({
  selector: 'lx-dashboard-page',
  imports: [MatButtonModule, MatCardModule, MatProgressBarModule, MatToolbarModule],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  protected readonly user = resource({ loader: () => this.session.currentUser() });

  protected async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigateByUrl('/login');
  }
}
