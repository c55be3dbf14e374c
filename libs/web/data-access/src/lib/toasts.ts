import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Language } from './language/language';

/** Short messages at the bottom of the screen: errors stay until dismissed, confirmations go by themselves. */
@Injectable({ providedIn: 'root' })
export class Toasts {
  private readonly snackBar = inject(MatSnackBar);
  private readonly language = inject(Language);

  error(message: string): void {
    this.snackBar.open(message, this.language.t('common.dismiss'), { panelClass: 'lx-toast-error', politeness: 'assertive' });
  }

  success(message: string): void {
    this.snackBar.open(message, undefined, { duration: 4000 });
  }

  /** A notification as it arrives (an alert fired, an order filled): longer than a confirmation, since it was not expected. */
  notice(message: string): void {
    this.snackBar.open(message, this.language.t('common.dismiss'), { duration: 8000 });
  }
}
