import { DestroyRef, inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslocoService } from '@jsverse/transloco';
import { Language } from '@lilux/web/data-access';

/** Angular Material's paginator in the console's language, reworded whenever the trader switches. */
@Injectable()
export class ConsolePaginatorIntl extends MatPaginatorIntl {
  private readonly language = inject(Language);

  constructor() {
    super();
    this.reword();
    inject(TranslocoService)
      .langChanges$.pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.reword());
  }

  /** As Angular Material's own ("1 – 10 of 25"), in words of the console's language. */
  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0 || pageSize === 0) return this.language.t('trades.range', { start: 0, end: '', length }).replace(' – ', '');
    const start = page * pageSize;
    const end = start < length ? Math.min(start + pageSize, length) : start + pageSize;
    return this.language.t('trades.range', { start: start + 1, end, length });
  };

  private reword(): void {
    const { t } = this.language;
    this.itemsPerPageLabel = t('trades.perPage');
    this.nextPageLabel = t('trades.nextPage');
    this.previousPageLabel = t('trades.previousPage');
    this.firstPageLabel = t('trades.firstPage');
    this.lastPageLabel = t('trades.lastPage');
    this.changes.next();
  }
}
