import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

/** Short messages at the bottom of the screen: errors stay until dismissed, confirmations go by themselves. */
@Injectable({ providedIn: 'root' })
export class Toasts {
  private readonly snackBar = inject(MatSnackBar);

  error(message: string): void {
    this.snackBar.open(message, 'Dismiss', { panelClass: 'lx-toast-error', politeness: 'assertive' });
  }

  success(message: string): void {
    this.snackBar.open(message, undefined, { duration: 4000 });
  }
}
