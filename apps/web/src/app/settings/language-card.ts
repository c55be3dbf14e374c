import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { CONSOLE_LANGUAGES, type ConsoleLanguage, Language } from '@lilux/web/data-access';

/** The console's language: the browser's until the trader picks one here, then that one in this browser. */
@Component({
  selector: 'lx-language-card',
  imports: [MatCardModule, MatFormFieldModule, MatSelectModule, TranslocoPipe],
  template: `
    <mat-card appearance="outlined" data-testid="language-card">
      <mat-card-header>
        <h2 mat-card-title>{{ 'language.title' | transloco }}</h2>
        <mat-card-subtitle>{{ 'language.subtitle' | transloco }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'language.label' | transloco }}</mat-label>
          <mat-select [value]="language.current()" (selectionChange)="choose($event.value)" data-testid="language-select">
            @for (option of languages; track option) {
              <!-- Each language in its own words (in both dictionaries), so that a trader who cannot read the current one finds theirs. -->
              <mat-option [value]="option" [attr.lang]="option">{{ 'language.' + option | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </mat-card-content>
    </mat-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageCard {
  protected readonly language = inject(Language);
  protected readonly languages = CONSOLE_LANGUAGES;

  protected choose(language: ConsoleLanguage): void {
    void this.language.choose(language);
  }
}
