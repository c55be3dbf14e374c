import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AccessTokenResponse, ChangePasswordRequest, CreateUserRequest, UpdateUserRequest, User } from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';
import { SHOWN_NEXT_TO_FIELDS } from './api-errors';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);
  private readonly inline = { context: new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true) };

  list(): Promise<User[]> {
    return firstValueFrom(this.http.get<User[]>('/api/users'));
  }

  create(user: CreateUserRequest): Promise<User> {
    return firstValueFrom(this.http.post<User>('/api/users', user, this.inline));
  }

  /** Administrators: a new role or disabled / enabled; the user's tokens stop working either way. */
  update(id: string, change: UpdateUserRequest): Promise<User> {
    return firstValueFrom(this.http.patch<User>(`/api/users/${encodeURIComponent(id)}`, change));
  }

  /** Administrators: signs the user out everywhere. */
  endSessions(id: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/users/${encodeURIComponent(id)}/sessions/end`, {}));
  }

  /** Administrators: deletes a disabled user; their history stays. */
  delete(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/users/${encodeURIComponent(id)}`));
  }

  /** Every other session of the user ends; the answer is this session's new token. */
  changePassword(change: ChangePasswordRequest): Promise<AccessTokenResponse> {
    return firstValueFrom(this.http.post<AccessTokenResponse>('/api/auth/password', change, this.inline));
  }
}
