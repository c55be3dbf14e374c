import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { UserSession } from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';

/** The signed-in user's sessions (devices): list them, end one, end all the others. */
@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<UserSession[]> {
    return firstValueFrom(this.http.get<UserSession[]>('/api/auth/sessions'));
  }

  end(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/auth/sessions/${encodeURIComponent(id)}`));
  }

  endOthers(): Promise<void> {
    return firstValueFrom(this.http.delete<void>('/api/auth/sessions', { params: { keep: 'current' } }));
  }
}
