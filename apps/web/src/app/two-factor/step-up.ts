import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { TwoFactorProof } from '@lilux/contracts';
import { reasonOf } from '@lilux/web/data-access';
import { firstValueFrom } from 'rxjs';
import { StepUpDialog, StepUpDialogData, StepUpOutcome } from './step-up-dialog';

/**
 * Sensitive changes (password, exchange keys, the two-factor policy) ask users with two-factor authentication
 * for a code. The console sends the change as it is; when the API asks for a code (`two_factor_required`) a
 * dialog asks the user and sends it again with the code, until it goes through or the user cancels.
 */
@Injectable({ providedIn: 'root' })
export class StepUp {
  private readonly dialog = inject(MatDialog);

  /** The action's answer, or undefined when the user cancelled; other refusals are thrown as they came. */
  async run<T>(action: (proof: TwoFactorProof) => Promise<T>, what: string): Promise<T | undefined> {
    try {
      return await action({});
    } catch (error) {
      if (reasonOf(error) !== 'two_factor_required') throw error;
    }
    const dialog = this.dialog.open<StepUpDialog<T>, StepUpDialogData<T>, StepUpOutcome<T>>(StepUpDialog, { data: { action, what }, width: '380px' });
    const outcome = await firstValueFrom(dialog.afterClosed());
    if (outcome && 'error' in outcome) throw outcome.error;
    return outcome?.result;
  }
}
