import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { AccessTokenResponse, LoginRequest, User } from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';

const STORAGE_KEY = 'lilux.session';

interface StoredSession {
  token: string;
  /** Epoch milliseconds; a token past it is dropped instead of being sent to earn a 401. */
  expiresAt: number;
}

/** The signed-in user's token, kept across reloads in localStorage until it expires or the user logs out. */
@Injectable({ providedIn: 'root' })
export class AuthSession {
  private readonly http = inject(HttpClient);
  private readonly session = signal<StoredSession | null>(readStoredSession());

  readonly token = computed(() => this.session()?.token ?? null);
  readonly isAuthenticated = computed(() => this.token() !== null);

  async login(credentials: LoginRequest): Promise<void> {
    const answer = await firstValueFrom(this.http.post<AccessTokenResponse>('/api/auth/login', credentials));
    this.store(answer);
  }

  /** Replaces the token, e.g. with the one a password change returns. */
  store(answer: AccessTokenResponse): void {
    const session = { token: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000 };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.session.set(session);
  }

  currentUser(): Promise<User> {
    return firstValueFrom(this.http.get<User>('/api/auth/me'));
  }

  /** Revokes the token on the server, then forgets it whatever the server said. */
  async logout(): Promise<void> {
    try {
      if (this.token()) await firstValueFrom(this.http.post<void>('/api/auth/logout', {}));
    } finally {
      this.clear();
    }
  }

  /** Forgets the token without asking the server, e.g. after the server refused it. */
  clear(): void {
    localStorage.removeItem(STORAGE_KEY);
    this.session.set(null);
  }
}

function readStoredSession(): StoredSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    if (stored && typeof stored.token === 'string' && stored.expiresAt > Date.now()) return stored;
  } catch {
    // An unreadable entry is treated like none.
  }
  localStorage.removeItem(STORAGE_KEY);
  return null;
}
