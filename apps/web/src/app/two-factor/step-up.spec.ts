import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { TwoFactorProof } from '@lilux/contracts';
import { Language, provideConsoleLanguage } from '@lilux/web/data-access';
import { StepUp } from './step-up';

const refusal = (status: number, body: object) => new HttpErrorResponse({ status, error: body });
const CODE_REQUIRED = refusal(403, { statusCode: 403, message: 'two-factor code required', reason: 'two_factor_required' });

describe('StepUp', () => {
  let stepUp: StepUp;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideConsoleLanguage('en')] });
    await TestBed.inject(Language).load();
    stepUp = TestBed.inject(StepUp);
  });

  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((container) => container.remove()));

  const dialog = () => document.querySelector<HTMLElement>('mat-dialog-container');
  /** Lets the dialog open or the request answer, then renders (no fixture renders a dialog by itself). */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    TestBed.tick();
  };
  async function enter(label: string, value: string): Promise<void> {
    const field = [...document.querySelectorAll('mat-form-field')].find((candidate) => candidate.textContent?.includes(label));
    const input = field?.querySelector('input');
    if (!input) throw new Error(`no ${label} field`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Confirm')?.click();
    await settle();
  }

  it('sends a change as it is when no code is asked for', async () => {
    const action = jest.fn(async () => 'done');
    expect(await stepUp.run(action, 'Change your password')).toBe('done');
    expect(action).toHaveBeenCalledWith({});
    expect(dialog()).toBeNull();
  });

  it('asks for the code when the API wants one, asks again for a wrong one, and answers what the change answered', async () => {
    const sent: TwoFactorProof[] = [];
    const action = async (proof: TwoFactorProof) => {
      sent.push(proof);
      if (!proof.code) throw CODE_REQUIRED;
      if (proof.code !== '654321') throw refusal(400, { statusCode: 400, reason: 'two_factor_invalid', fields: { code: 'is not the current code' } });
      return 'changed';
    };
    const outcome = stepUp.run(action, 'Change your password');
    await settle();
    expect(dialog()?.textContent).toContain('Change your password');

    await enter('Two-factor code', '123456');
    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toContain('This code is not the current code.');
    await enter('Two-factor code', '654321');
    expect(await outcome).toBe('changed');
    expect(sent).toEqual([{}, { code: '123456' }, { code: '654321' }]);
  });

  it('hands any other refusal back to the page, and nothing when the user cancels', async () => {
    const wrongPassword = refusal(400, { statusCode: 400, fields: { currentPassword: 'is not your current password' } });
    const refused = stepUp.run(async (proof) => {
      if (!proof.code) throw CODE_REQUIRED;
      throw wrongPassword;
    }, 'Change your password');
    await settle();
    await enter('Two-factor code', '123456');
    await expect(refused).rejects.toBe(wrongPassword);

    const cancelled = stepUp.run(async () => {
      throw CODE_REQUIRED;
    }, 'Disconnect Binance');
    await settle();
    [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Cancel')?.click();
    expect(await cancelled).toBeUndefined();
  });
});
