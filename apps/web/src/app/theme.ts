import { computed, Injectable, signal } from '@angular/core';

export type ThemeChoice = 'light' | 'dark';
const STORAGE_KEY = 'lilux.theme';

/** Light or dark: the system's preference until the trader picks one, then theirs, remembered. */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly systemPrefersDark = matchMedia('(prefers-color-scheme: dark)');
  private readonly choice = signal<ThemeChoice | null>(readChoice());
  private readonly systemDark = signal(this.systemPrefersDark.matches);

  readonly isDark = computed(() => (this.choice() ?? (this.systemDark() ? 'dark' : 'light')) === 'dark');

  constructor() {
    this.systemPrefersDark.addEventListener('change', (event) => this.systemDark.set(event.matches));
    this.apply();
  }

  toggle(): void {
    const next: ThemeChoice = this.isDark() ? 'light' : 'dark';
    localStorage.setItem(STORAGE_KEY, next);
    this.choice.set(next);
    this.apply();
  }

  private apply(): void {
    document.documentElement.style.colorScheme = this.choice() ?? 'light dark';
  }
}

function readChoice(): ThemeChoice | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : null;
}
