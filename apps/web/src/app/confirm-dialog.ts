import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

/** What the user is asked (in the console's language) before an action that signs someone out or cannot be undone. */
export interface Confirmation {
  title: string;
  message: string;
  /** The verb on the button that goes ahead, e.g. "Disable". */
  action: string;
}

/** Asks before going ahead; Cancel has the focus, so that Enter alone does nothing harmful. */
@Component({
  selector: 'lx-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslocoPipe],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">{{ data.action }}</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<Confirmation>(MAT_DIALOG_DATA);
}

/** Whether the user went ahead; closing the dialog any other way is a no. */
export async function confirmed(dialog: MatDialog, confirmation: Confirmation): Promise<boolean> {
  const answer = await firstValueFrom(dialog.open(ConfirmDialog, { data: confirmation, width: '440px' }).afterClosed());
  return answer === true;
}
