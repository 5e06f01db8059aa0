// The ways a request to Cognito fails, as Playwright routes inject them, with the words the
// widget must then show; and the routing helpers the fault journeys share.

const json = (status, body) => ({
  status,
  contentType: 'application/x-amz-json-1.1',
  // A fulfilled cross-origin answer needs CORS headers like the real one.
  headers: { 'access-control-allow-origin': '*' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Each fault: how to inject it into one request, and what the user reads then. */
export const faults = {
  'connection refused': { inject: (route) => route.abort('connectionrefused'), says: 'could not reach' },
  'hang past the timeout': { inject: () => {}, says: 'took too long' },
  '500': {
    inject: (route) => route.fulfill(json(500, { __type: 'InternalErrorException', message: 'Internal error' })),
    says: 'Something went wrong',
  },
  '503 HTML page': {
    inject: (route) => route.fulfill({
      status: 503, contentType: 'text/html', headers: { 'access-control-allow-origin': '*' },
      body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
    }),
    says: 'Something went wrong',
  },
  '429 throttled': {
    inject: (route) => route.fulfill(json(429, { __type: 'TooManyRequestsException', message: 'Rate exceeded' })),
    says: 'Too many attempts',
  },
  'malformed JSON': { inject: (route) => route.fulfill(json(200, '{"AuthenticationResult": {')), says: 'Something went wrong' },
};

const isCall = (request, emulator, target) => request.method() === 'POST'
  && request.url().startsWith(emulator)
  && request.headers()['x-amz-target'] === `AWSCognitoIdentityProviderService.${target}`;

/** Injects `inject` into the next `target` call only; returns whether it was used. */
export async function onlyOnce(page, emulator, target, inject) {
  let used = false;
  await page.route((url) => url.href.startsWith(emulator), async (route) => {
    if (!used && isCall(route.request(), emulator, target)) {
      used = true;
      return inject(route);
    }
    return route.fallback();
  });
  return () => used;
}

/** Injects `inject` into every `target` call until the returned function is called. */
export async function always(page, emulator, target, inject) {
  let on = true;
  let hits = 0;
  await page.route((url) => url.href.startsWith(emulator), async (route) => {
    if (on && isCall(route.request(), emulator, target)) {
      hits += 1;
      return inject(route);
    }
    return route.fallback();
  });
  return { stop: () => { on = false; }, hits: () => hits };
}

/** The app's configuration, as the emulator serves it, with another request timeout. */
export async function withTimeout(page, emulator, ms) {
  await page.route(`${emulator.replace(/\/$/, '')}/_emulator/pools`, async (route) => {
    const pools = await (await route.fetch()).json();
    for (const p of pools.pools) for (const c of p.clients) if (c.widget_config) c.widget_config.request_timeout_ms = ms;
    await route.fulfill({ json: pools });
  });
}
