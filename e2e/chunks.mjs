// Code loaded on demand (src/split.rs) in the release app: the chunk with sign-up, its code, a
// new password and a password reset is fetched only when one of those steps first shows. Checks
// that the first screen does without it; that a chunk the server will not give (a 404, as after
// a botched deploy) or the network loses gets the plain network message and a way back, not a
// blank card; that the next try fetches it and sign-up works; and that a step reached after a
// request (the code form after sign-up) shows at once, its chunk loaded with the answer.
// Needs COGNITO_EMULATOR (scripts/with-emulator) and dist/app (trunk build --release).
import { serveDist } from './serve-dist.mjs';
import { addresses, checks, launch } from './session-support.mjs';
import { WidgetPage } from './widget-page.mjs';

const emulator = process.env.COGNITO_EMULATOR;
if (!emulator) throw new Error('COGNITO_EMULATOR is not set (run through scripts/with-emulator)');
const site = await serveDist();
const app = `${site.url}?emulator=${encodeURIComponent(emulator)}&pool=my-user-pool`;
const NETWORK = 'We could not reach the sign-in service. Check your connection and try again.';
const chunk = /\/split_[a-z]+(-[0-9a-f]{16})?\.wasm$/;
const fresh = addresses('chunks');
const { check, finish } = checks();
const browser = await launch();
try {
  const page = await browser.newPage();
  const chunksFetched = [];
  page.on('request', (r) => {
    if (chunk.test(new URL(r.url()).pathname)) chunksFetched.push(new URL(r.url()).pathname);
  });
  let refuse = 'not found';
  await page.route(chunk, (route) => {
    if (refuse === 'not found') return route.fulfill({ status: 404, body: 'not found' });
    if (refuse === 'lost') return route.abort('internetdisconnected');
    return route.continue();
  });
  const w = new WidgetPage(page);
  await page.goto(app);
  await w.heading('Sign in').waitFor();
  check('the first screen fetches no chunk', chunksFetched.length === 0, chunksFetched.join());

  for (const why of ['not found', 'lost']) {
    refuse = why;
    await w.button('Create an account').click();
    await page.getByText(NETWORK).waitFor();
    const back = page.getByRole('button', { name: 'Back to sign in', exact: true });
    check(`a chunk ${why}: the plain network message and the way back`, await back.isVisible());
    check(`a chunk ${why}: no "Loading…" left`, !(await page.getByText('Loading…').isVisible()));
    await back.click();
    await w.heading('Sign in').waitFor();
  }

  refuse = null;
  await w.button('Create an account').click();
  await w.heading('Create an account').waitFor();
  check('the next try fetches the chunk and shows sign-up', chunksFetched.length === 3, chunksFetched.join());
  const email = fresh('up');
  const typed = {
    Email: email, Password: 'chunky Pass 42', 'Confirm password': 'chunky Pass 42', 'Given name': 'Ada', 'Family name': 'Lovelace',
  };
  for (const [label, value] of Object.entries(typed)) await w.field(label).fill(value);
  await w.button('Create account').click();
  await w.heading('Confirm your account').waitFor();
  check('the code form after sign-up shows (its chunk already there)', await w.field('Code').isVisible());
} finally {
  await browser.close();
  site.close();
}
finish();
