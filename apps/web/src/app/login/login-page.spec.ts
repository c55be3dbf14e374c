import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthSession, authInterceptor } from '@lilux/web/auth';
import { Language, provideConsoleLanguage } from '@lilux/web/data-access';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideConsoleLanguage('en')],
    });
    await TestBed.inject(Language).load();
    fixture = TestBed.createComponent(LoginPage);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;

  function fillIn(username: string, password: string): void {
    for (const [name, value] of [
      ['username', username],
      ['password', password],
    ]) {
      const input = element().querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (!input) throw new Error(`no ${name} field`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
  }

  async function submitAndAnswer(body: object | null, init: { status: number; statusText: string; headers?: Record<string, string> }) {
    element().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    backend.expectOne('/api/auth/login').flush(body, init);
    await fixture.whenStable();
  }

  it('labels its fields for screen readers and keyboards', () => {
    const labels = [...element().querySelectorAll('mat-label')].map((label) => label.textContent?.trim());
    expect(labels).toEqual(['Username', 'Password']);
  });

  it('sends nothing while a field is empty', async () => {
    element().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    backend.expectNone('/api/auth/login');
    expect(element().textContent).toContain('Enter your username');
  });

  it('shows wrong credentials as such', async () => {
    fillIn('admin', 'wrong-password');
    await submitAndAnswer({ statusCode: 401 }, { status: 401, statusText: 'Unauthorized' });
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Wrong username or password.');
  });

  it('shows how long to wait after too many attempts', async () => {
    fillIn('admin', 'wrong-password');
    await submitAndAnswer({ statusCode: 429 }, { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '42' } });
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Try again in 42 seconds.');
  });

  it('signs in and returns to the page the user came from', async () => {
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture.componentRef.setInput('returnUrl', '/settings');
    fillIn('admin', 'right-password');
    await submitAndAnswer({ access_token: 'jwt', token_type: 'Bearer', expires_in: 3600 }, { status: 200, statusText: 'OK' });
    expect(TestBed.inject(AuthSession).token()).toBe('jwt');
    expect(navigate).toHaveBeenCalledWith('/settings');
  });

  it('never follows a return URL to another site', async () => {
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture.componentRef.setInput('returnUrl', '//evil.example.com/phish');
    fillIn('admin', 'right-password');
    await submitAndAnswer({ access_token: 'jwt', token_type: 'Bearer', expires_in: 3600 }, { status: 200, statusText: 'OK' });
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('asks for the two-factor code when the server wants one, and signs in with it and the same password', async () => {
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fillIn('admin', 'right-password');
    const needsCode = { statusCode: 401, message: 'two-factor code required', reason: 'two_factor_required' };
    await submitAndAnswer(needsCode, { status: 401, statusText: 'Unauthorized' });
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('Enter the code your authenticator app shows.');

    const code = element().querySelector<HTMLInputElement>('input[name="code"]');
    if (!code) throw new Error('no code field');
    code.value = '123456';
    code.dispatchEvent(new Event('input'));
    element().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const login = backend.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({ username: 'admin', password: 'right-password', code: '123456' });
    login.flush({ access_token: 'jwt', token_type: 'Bearer', expires_in: 3600 });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('says a wrong code is wrong, and takes a recovery code instead', async () => {
    fillIn('admin', 'right-password');
    await submitAndAnswer({ statusCode: 401, reason: 'two_factor_required' }, { status: 401, statusText: 'Unauthorized' });
    [...element().querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent?.includes('recovery code'))?.click();
    await fixture.whenStable();
    const recoveryCode = element().querySelector<HTMLInputElement>('input[name="recoveryCode"]');
    if (!recoveryCode) throw new Error('no recovery code field');
    expect(element().querySelector('input[name="code"]')).toBeNull();
    recoveryCode.value = 'k7m2p-x9q4r';
    recoveryCode.dispatchEvent(new Event('input'));
    element().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const login = backend.expectOne('/api/auth/login');
    expect(login.request.body).toEqual({ username: 'admin', password: 'right-password', recoveryCode: 'k7m2p-x9q4r' });
    const wrong = { statusCode: 401, reason: 'two_factor_invalid', fields: { recoveryCode: 'is not one of your unused recovery codes' } };
    login.flush(wrong, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(element().querySelector('[role="alert"]')?.textContent).toContain('That code is not one of your unused recovery codes.');
  });
});
