import { inject, Injectable } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { Language } from '@lilux/web/data-access';

/** The tab's title from the route's key (`pages.dashboard`) in the console's language, renamed when the language changes. */
@Injectable()
export class ConsoleTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly language = inject(Language);
  private key: string | undefined;

  constructor() {
    super();
    inject(TranslocoService).langChanges$.subscribe(() => this.show());
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key = this.buildTitle(snapshot);
    this.show();
  }

  private show(): void {
    if (this.key) this.title.setTitle(`${this.language.t(this.key)} · Lilux`);
  }
}
