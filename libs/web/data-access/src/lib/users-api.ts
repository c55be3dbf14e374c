import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AccessTokenResponse, ChangePasswordRequest, CreateUserRequest, User } from '@lilux/contracts';
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

  /** Every other session of the user ends; the answer is this session's new token. */
  changePassword(change: ChangePasswordRequest): Promise<AccessTokenResponse> {
    return firstValueFrom(this.http.post<AccessTokenResponse>('/api/auth/password', change, this.inline));
  }
}
