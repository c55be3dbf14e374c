import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { TranslocoPipe } from '@jsverse/transloco';
import { DESK_SHORTCUTS } from '@lilux/web/trading';

/** The trading desk's keyboard shortcuts, opened with "?" or the Shortcuts button. */
@Component({
  selector: 'lx-shortcuts-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslocoPipe],
  template: `
    <h2 mat-dialog-title>{{ 'desk.shortcutsDialog.title' | transloco }}</h2>
    <mat-dialog-content>
      <dl class="shortcuts" data-testid="shortcuts">
        @for (shortcut of shortcuts; track shortcut.key) {
          <dt>
            <kbd>{{ shortcut.key }}</kbd>
          </dt>
          <dd>{{ 'desk.shortcutsDialog.' + shortcut.command | transloco }}</dd>
        }
      </dl>
      <p>{{ 'desk.shortcutsDialog.whileTyping' | transloco }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'desk.shortcutsDialog.close' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .shortcuts {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 8px 16px;
      margin: 0;
    }
    dd {
      margin: 0;
    }
    kbd {
      display: inline-block;
      min-width: 1.5em;
      padding: 2px 6px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      text-align: center;
      font: var(--mat-sys-label-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShortcutsDialog {
  protected readonly shortcuts = DESK_SHORTCUTS;
}
