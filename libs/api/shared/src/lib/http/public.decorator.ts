import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'lilux:isPublic';

/** Opens a route to callers without a token; every other route needs one (the global JWT guard). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
