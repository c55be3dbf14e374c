import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** One clock for the whole application; tests override the `Clock` provider with a {@link ManualClock}. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
