import { ChangeDetectionStrategy, Component, inject, Injectable } from '@angular/core';
import { MAT_SNACK_BAR_DATA, MatSnackBar, MatSnackBarModule, MatSnackBarRef } from '@angular/material/snack-bar';
import type { ExplainedError } from './api-errors';
import { Language } from './language/language';

/** A failure's sentence, with the technical text behind a "Details" disclosure for whoever needs to report it. */
@Component({
  selector: 'lx-error-toast',
  imports: [MatSnackBarModule],
  template: `
    <div matSnackBarLabel>
      {{ data.error.sentence }}
      <details data-testid="error-details">
        <summary>{{ data.detailsLabel }}</summary>
        <code>{{ data.error.detail }}</code>
      </details>
    </div>
    <div matSnackBarActions>
      <button matSnackBarAction type="button" (click)="snackBarRef.dismissWithAction()">{{ data.dismissLabel }}</button>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
    }
    summary {
      cursor: pointer;
    }
    code {
      word-break: break-word;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorToast {
  protected readonly data = inject<{ error: ExplainedError; detailsLabel: string; dismissLabel: string }>(MAT_SNACK_BAR_DATA);
  protected readonly snackBarRef = inject(MatSnackBarRef);
}

/** Short messages at the bottom of the screen: errors stay until dismissed, confirmations go by themselves. */
@Injectable({ providedIn: 'root' })
export class Toasts {
  private readonly snackBar = inject(MatSnackBar);
  private readonly language = inject(Language);

  error(message: string): void {
    this.snackBar.open(message, this.language.t('common.dismiss'), { panelClass: 'lx-toast-error', politeness: 'assertive' });
  }

  /** A failure explained: its sentence, and its technical detail behind "Details" when it has one. */
  explained(error: ExplainedError): void {
    if (error.detail === null) {
      this.error(error.sentence);
      return;
    }
    const data = { error, detailsLabel: this.language.t('errors.technical.details'), dismissLabel: this.language.t('common.dismiss') };
    this.snackBar.openFromComponent(ErrorToast, { data, panelClass: 'lx-toast-error', politeness: 'assertive' });
  }

  success(message: string): void {
    this.snackBar.open(message, undefined, { duration: 4000 });
  }

  /** A notification as it arrives (an alert fired, an order filled): longer than a confirmation, since it was not expected. */
  notice(message: string): void {
    this.snackBar.open(message, this.language.t('common.dismiss'), { duration: 8000 });
  }
}
