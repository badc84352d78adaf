import type { RouteRequest } from '../route-request.js';
import { sendEmpty } from '../send-response.js';

/** Browsers ask for it on every page view: an empty answer they may keep a day. */
export async function getFavicon(request: RouteRequest): Promise<void> {
  sendEmpty(request.res, 204, { 'cache-control': 'public, max-age=86400' });
}
