import { SetMetadata } from '@nestjs/common';

export const VIEWER_ALLOWED_KEY = 'lilux:viewerAllowed';

/**
 * Lets viewers call a route that is not a read (GET, HEAD, OPTIONS): every other one answers them 403. Only for a
 * user's care of their own sign-in (logout, their password, their sessions, their second factor), never for
 * anything that places, cancels or changes what they trade with. On a controller, it covers all its routes.
 */
export const ViewerAllowed = () => SetMetadata(VIEWER_ALLOWED_KEY, true);
