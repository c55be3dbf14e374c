import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AuthSession } from './auth-session';
import { authInterceptor } from './auth.interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: AuthSession;
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(AuthSession);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  it('sends no Authorization header without a session', () => {
    void firstValueFrom(http.get('/api/health'));
    expect(backend.expectOne('/api/health').request.headers.has('Authorization')).toBe(false);
  });

  it('attaches the bearer token to API requests', () => {
    session.store({ access_token: 'token-123', token_type: 'Bearer', expires_in: 3600 });
    void firstValueFrom(http.get('/api/auth/me'));
    expect(backend.expectOne('/api/auth/me').request.headers.get('Authorization')).toBe('Bearer token-123');
  });

  it('never sends the token to another host', () => {
    session.store({ access_token: 'token-123', token_type: 'Bearer', expires_in: 3600 });
    void firstValueFrom(http.get('https://evil.example.com/api/auth/me'));
    expect(backend.expectOne('https://evil.example.com/api/auth/me').request.headers.has('Authorization')).toBe(false);
  });

  it('ends the session on a 401 and goes to login, remembering the page', async () => {
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    session.store({ access_token: 'revoked-token', token_type: 'Bearer', expires_in: 3600 });
    const answer = firstValueFrom(http.get('/api/auth/me'));
    backend.expectOne('/api/auth/me').flush({ statusCode: 401 }, { status: 401, statusText: 'Unauthorized' });

    await expect(answer).rejects.toMatchObject({ status: 401 });
    expect(session.isAuthenticated()).toBe(false);
    expect(localStorage.getItem('lilux.session')).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
  });

  it('leaves the session alone on other errors', async () => {
    session.store({ access_token: 'token-123', token_type: 'Bearer', expires_in: 3600 });
    const answer = firstValueFrom(http.get('/api/users'));
    backend.expectOne('/api/users').flush({ statusCode: 403 }, { status: 403, statusText: 'Forbidden' });

    await expect(answer).rejects.toMatchObject({ status: 403 });
    expect(session.token()).toBe('token-123');
  });
});

describe('AuthSession', () => {
  beforeEach(() => localStorage.clear());

  it('restores an unexpired session after a reload and drops an expired one', () => {
    localStorage.setItem('lilux.session', JSON.stringify({ token: 'kept', expiresAt: Date.now() + 60_000 }));
    TestBed.configureTestingModule({ providers: [provideHttpClient()] });
    expect(TestBed.inject(AuthSession).token()).toBe('kept');

    TestBed.resetTestingModule();
    localStorage.setItem('lilux.session', JSON.stringify({ token: 'stale', expiresAt: Date.now() - 1 }));
    TestBed.configureTestingModule({ providers: [provideHttpClient()] });
    expect(TestBed.inject(AuthSession).token()).toBeNull();
    expect(localStorage.getItem('lilux.session')).toBeNull();
  });
});
